// Any unknown URL: a proper 404 page through the shared error boundary.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { notFound } from "~/utils/http.server";

export async function loader() {
  notFound();
}

export async function action() {
  notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
