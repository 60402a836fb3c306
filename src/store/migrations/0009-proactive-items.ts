/**
 * Proactive disclosure (主动公开): items with their versions and attachments (bytes in the
 * content-addressed `blob` table), the agency's 索引号 scheme and never-reused counters, the
 * search table (SQLite FTS5 `trigram`; PostgreSQL `pg_trgm` GIN) holding published items only,
 * the 基层 standard catalogue, the versioned 政府信息公开指南, the site identity of 国办发〔2017〕47号
 * and the table 二 figures that live in other systems (entered per year).
 *
 * Self-contained: text ids, ISO timestamps, YYYY-MM-DD dates, integer flags.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('proactive_settings')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agency.id'))
    .addColumn('index_scheme', 'text', (c) => c.notNull())
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  // One row per series; `last_seq` only grows, so a number once given is never given again.
  await db.schema
    .createTable('proactive_index_counter')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('proactive_index_counter_pk', ['agency_id', 'series'])
    .execute();

  await db.schema
    .createTable('proactive_catalogue_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('matter', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('time_limit', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('cycle', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('due_days', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('proactive_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('index_number', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text')
    .addColumn('issuing_body', 'text', (c) => c.notNull())
    .addColumn('written_on', 'text')
    .addColumn('published_on', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('genre', 'text', (c) => c.notNull())
    .addColumn('article20_category', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('validity', 'text')
    .addColumn('validity_changed_on', 'text')
    .addColumn('successor_id', 'text', (c) => c.references('proactive_item.id'))
    .addColumn('policy_id', 'text', (c) => c.references('proactive_item.id'))
    .addColumn('interpretation_form', 'text')
    .addColumn('catalogue_entry_id', 'text', (c) => c.references('proactive_catalogue_entry.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('withdrawn_reason', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('author_user_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('proactive_item_index_number', ['agency_id', 'index_number'])
    .execute();
  await db.schema
    .createIndex('proactive_item_agency_status_idx')
    .on('proactive_item')
    .columns(['agency_id', 'status', 'published_on'])
    .execute();
  await db.schema
    .createIndex('proactive_item_policy_idx')
    .on('proactive_item')
    .column('policy_id')
    .execute();

  // Earlier versions of a corrected item, as published.
  await db.schema
    .createTable('proactive_item_version')
    .addColumn('item_id', 'text', (c) => c.notNull().references('proactive_item.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proactive_item_version_pk', ['item_id', 'version'])
    .execute();

  await db.schema
    .createTable('proactive_attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('proactive_item.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('proactive_attachment_item_idx')
    .on('proactive_attachment')
    .column('item_id')
    .execute();

  // Published items only: what the portal's search sees.
  await db.schema
    .createTable('proactive_search')
    .addColumn('item_id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('article20_category', 'text', (c) => c.notNull())
    .addColumn('validity', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('proactive_search_agency_idx')
    .on('proactive_search')
    .columns(['agency_id', 'published_on'])
    .execute();
  await db.schema
    .createIndex('proactive_search_region_idx')
    .on('proactive_search')
    .columns(['region_code', 'published_on'])
    .execute();
  if (postgres) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE INDEX proactive_search_content_trgm ON proactive_search USING gin (content gin_trgm_ops)`.execute(
      db,
    );
    await sql`CREATE INDEX proactive_search_title_trgm ON proactive_search USING gin (title gin_trgm_ops)`.execute(
      db,
    );
  } else {
    await sql`CREATE VIRTUAL TABLE proactive_search_fts USING fts5(item_id UNINDEXED, content, tokenize = 'trigram')`.execute(
      db,
    );
  }

  await db.schema
    .createTable('proactive_guide')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proactive_guide_pk', ['agency_id', 'version'])
    .execute();

  await db.schema
    .createTable('site_identity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_name', 'text', (c) => c.notNull())
    .addColumn('site_domain', 'text', (c) => c.notNull())
    .addColumn('sponsor', 'text', (c) => c.notNull())
    .addColumn('organiser', 'text', (c) => c.notNull())
    .addColumn('site_id_code', 'text', (c) => c.notNull())
    .addColumn('icp_record', 'text', (c) => c.notNull())
    .addColumn('police_record', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  // Table 二 (五)(六)(八): decisions and fees kept in other systems, entered or imported per year.
  await db.schema
    .createTable('proactive_year_figures')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('licensing', 'integer', (c) => c.notNull())
    .addColumn('penalty', 'integer', (c) => c.notNull())
    .addColumn('coercion', 'integer', (c) => c.notNull())
    .addColumn('fees_fen', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proactive_year_figures_pk', ['agency_id', 'year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!postgres) await sql`DROP TABLE IF EXISTS proactive_search_fts`.execute(db);
  for (const table of [
    'proactive_year_figures',
    'site_identity',
    'proactive_guide',
    'proactive_search',
    'proactive_attachment',
    'proactive_item_version',
    'proactive_item',
    'proactive_catalogue_entry',
    'proactive_index_counter',
    'proactive_settings',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
