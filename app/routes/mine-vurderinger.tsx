// The assessments that name the logged-in user as assessor: an external assessor's home (their whole world),
// and for anyone else a short list of their own assessments. Read-only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { assessmentsOfAssessor } from "#db/queries/assessments";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireSignedIn } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { metaT, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("myAssessments.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireSignedIn(request);
  return { assessments: await assessmentsOfAssessor(db(), user.id) };
}

export default function MyAssessmentsPage() {
  const { assessments } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("myAssessments.title")}</h1>
      <p>{t("myAssessments.intro")}</p>
      {assessments.length ? (
        <ul>
          {assessments.map((a) => (
            <li key={a.id}>
              <Link to={`/initiativer/${a.initiative_id}/vurdering/${a.id}`}>{a.title}</Link>
              {": "}
              {t("assessment.spanValue", { from: t(`phase.${a.from_phase}`), to: t(`phase.${a.to_phase}`) })}
              {" · "}{t(`assessmentStatus.${a.status}`)} · {t(`assessment.assessorRole.${a.role}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("myAssessments.none")}</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
