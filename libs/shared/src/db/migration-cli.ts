/**
 * Migration CLI for any service: `npm run migrate -- <command> <service-dir> [Name]`.
 *   run       apply pending migrations (under the advisory lock)
 *   revert    undo the last migration
 *   show      list pending migrations
 *   generate  write src/migrations/<timestamp>-<name>.migration.ts from the entity diff, for review
 * The service's compiled `dist/data-source.js` must export `createDataSource(): DataSource`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { migrateSchema } from './data-source';

type Command = 'run' | 'revert' | 'show' | 'generate';

function escape(query: string): string {
  return query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

export function renderMigration(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) => queries.map((q) => `    await queryRunner.query(\`${escape(q)}\`);`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function generate(dataSource: DataSource, serviceDir: string, name: string): Promise<void> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) {
    console.log('No changes in the entities: nothing to generate.');
    return;
  }
  const timestamp = Date.now();
  const pascal = name.replace(/(^|[-_ ])(\w)/g, (_m, _s, c: string) => c.toUpperCase());
  const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[_ ]/g, '-').toLowerCase();
  const file = path.join(serviceDir, 'src/migrations', `${timestamp}-${kebab}.migration.ts`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    renderMigration(
      `${pascal}${timestamp}`,
      sql.upQueries.map((q) => q.query),
      sql.downQueries.reverse().map((q) => q.query),
    ),
  );
  console.log(`Wrote ${file}. Review it, then add the class to the service's migration list.`);
}

export async function runMigrationCli(argv: string[]): Promise<void> {
  const [command, serviceDir, name] = argv as [Command | undefined, string | undefined, string | undefined];
  if (!command || !serviceDir || !['run', 'revert', 'show', 'generate'].includes(command)) {
    throw new Error('usage: migrate <run|revert|show|generate> <service-dir> [MigrationName]');
  }
  const modulePath = path.resolve(serviceDir, 'dist/data-source.js');
  const { createDataSource } = (await import(modulePath)) as { createDataSource: () => DataSource };
  const dataSource = createDataSource();
  await dataSource.initialize();
  try {
    if (command === 'run') {
      const applied = await migrateSchema(dataSource);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply.');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
    } else if (command === 'show') {
      const pending = await dataSource.showMigrations();
      console.log(pending ? 'There are pending migrations.' : 'Up to date.');
    } else {
      if (!name) throw new Error('generate needs a migration name');
      await generate(dataSource, serviceDir, name);
    }
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  runMigrationCli(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
