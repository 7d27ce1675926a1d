import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs work in one transaction. Everything a use case changes, including its outbox rows, goes through
 * the manager it is given, so the change and its events commit or roll back together.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(work);
}
