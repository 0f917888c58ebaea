import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { refusalText } from "~/i18n/refusals";
import { clientAddress, getUser, login, startSession } from "~/utils/auth.server";
import { getLang } from "~/utils/i18n.server";
import { readForm, safeRedirect } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";

const LoginSchema = z.object({
  email: z.string({ error: "error.required" }).trim().email({ error: "error.invalidEmail" }).max(200, "error.tooLong"),
  password: z.string({ error: "error.required" }).max(200, "error.tooLong"),
  redirectTo: z.string().optional(),
});

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("login.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: LoginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await login(submission.value.email, submission.value.password, clientAddress(context));
  if (!result.ok && result.refusal) {
    const message = refusalText({ kind: "login", refusal: result.refusal }, getLang(request));
    const headers = { "Retry-After": String(result.refusal.retryAfterSeconds) };
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), { status: 429, headers });
  }
  if (!result.ok) return data(submission.reply({ formErrors: ["login.invalid"], hideFields: ["password"] }), { status: 400 });
  return startSession(request, result.user.id, safeRedirect(submission.value.redirectTo, "/"));
}

export default function LoginPage() {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <h1>{t("login.title")}</h1>
        <p>{t("login.intro")}</p>
        <ErrorSummary form={form} fields={[[fields.email, t("login.email")], [fields.password, t("login.password")]]} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
          <TextField meta={fields.email} label={t("login.email")} type="email" autoComplete="username" />
          <TextField meta={fields.password} label={t("login.password")} type="password" autoComplete="current-password" />
          <button type="submit" className="button button-primary">{t("login.submit")}</button>
        </Form>
      </div>
    </div>
  );
}
