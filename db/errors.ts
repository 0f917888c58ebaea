// Thrown inside a transaction when a row changed since the form was loaded (optimistic concurrency).
// It rolls the transaction back; the app answers it with 409.
export class ConflictError extends Error {
  constructor(public readonly entity: string, public readonly id: number) {
    super(`${entity} ${id} was changed by someone else`);
    this.name = "ConflictError";
  }
}
