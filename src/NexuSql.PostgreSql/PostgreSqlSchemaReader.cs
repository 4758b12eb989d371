using NexuSql.Schema;

namespace NexuSql.PostgreSql;

/// <summary>
/// Reads a PostgreSQL database from the catalogs: the tables, views, sequences, enum types and domains of every
/// non-system schema (those outside the current schema carry their schema's name), and the composite types and
/// collations of the current schema.
/// </summary>
internal static class PostgreSqlSchemaReader
{
    // the schemas read: all but PostgreSQL's own (pg_catalog, information_schema, pg_toast, pg_temp_N, ...)
    internal const string UserSchema = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'";

    // a table or view an extension made (CREATE EXTENSION makes it again): not read from other schemas
    internal const string ExtensionMember = "EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')";

    // with a partitioned table's key, a partition's parent and bound, the parents a table inherits from (those of the
    // current schema: one elsewhere is named in LeftOutSql and the table read as a plain one), and UNLOGGED
    private const string TablesSql =
        "SELECT c.oid::bigint AS oid, c.relname AS name, n.nspname AS schema, n.nspname = current_schema() AS here, c.relpersistence = 'u' AS unlogged, " +
        "  obj_description(c.oid, 'pg_class') AS comment, c.reloptions AS storage, c.relreplident::text AS replica_identity, " +
        "  (SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid AND i.indisclustered) AS cluster_on, " +
        "  CASE WHEN c.reloftype <> 0 THEN format_type(c.reloftype, NULL) END AS of_type, " +
        "  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_by, " +
        "  CASE WHEN c.relispartition THEN (SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid AND p.relnamespace = c.relnamespace) END AS partition_of, " +
        "  CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound, " +
        "  CASE WHEN NOT c.relispartition THEN (SELECT array_agg(p.relname ORDER BY i.inhseqno) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent " +
        "    WHERE i.inhrelid = c.oid AND p.relnamespace = c.relnamespace) END AS inherits, " +
        "  (SELECT array_agg(quote_ident(kn.nspname) || '.' || quote_ident(k.relname) ORDER BY kn.nspname, k.relname) FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid " +
        "    JOIN pg_namespace kn ON kn.oid = k.relnamespace WHERE i.inhparent = c.oid AND k.relnamespace <> c.relnamespace AND k.relkind IN ('r', 'p')) AS children_elsewhere " +
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE " + UserSchema + " AND c.relkind IN ('r', 'p') AND (n.nspname = current_schema() OR NOT " + ExtensionMember + ") ORDER BY c.relname, n.nspname";

    private const string ColumnsSql =
        "SELECT column_name, data_type, udt_name, character_maximum_length, numeric_precision, numeric_scale, datetime_precision, is_nullable, column_default, is_identity, " +
        "  identity_generation, identity_start, identity_increment, is_generated, generation_expression, collation_name, domain_name, domain_schema = current_schema() AS domain_here, " +
        // a domain, enum or composite type of another schema: its schema, which the column's type names (app.posint, app.mood)
        "  CASE WHEN domain_schema <> current_schema() THEN quote_ident(domain_schema) || '.' || quote_ident(domain_name) END AS domain_elsewhere, " +
        "  CASE WHEN udt_schema NOT IN (current_schema(), 'pg_catalog') AND EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace tn ON tn.oid = t.typnamespace " +
        "    LEFT JOIN pg_type e ON e.oid = t.typelem WHERE tn.nspname = c.udt_schema AND t.typname = c.udt_name AND (t.typtype IN ('e', 'c') OR e.typtype IN ('e', 'c'))) " +
        "    THEN udt_schema END AS type_schema, " +
        "  (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = :oid AND a.attname = c.column_name) AS formatted, " +
        // is_nullable is NO for a column of a NOT NULL domain: the column's own NOT NULL is attnotnull
        "  (SELECT a.attnotnull FROM pg_attribute a WHERE a.attrelid = :oid AND a.attname = c.column_name) AS not_null, " +
        // declared by a parent only (a partition's columns, an INHERITS child's inherited ones)
        "  (SELECT NOT a.attislocal FROM pg_attribute a WHERE a.attrelid = :oid AND a.attname = c.column_name) AS inherited, " +
        "  (SELECT col_description(a.attrelid, a.attnum) FROM pg_attribute a WHERE a.attrelid = :oid AND a.attname = c.column_name) AS comment, " +
        // SET STORAGE other than the type's, SET STATISTICS (-1 on PostgreSQL 15-16, NULL from 17: the default)
        "  (SELECT CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = :oid AND a.attname = c.column_name) AS storage, " +
        "  (SELECT CASE WHEN a.attstattarget >= 0 THEN a.attstattarget::int END FROM pg_attribute a WHERE a.attrelid = :oid AND a.attname = c.column_name) AS statistics, " +
        // SET COMPRESSION (PostgreSQL 14+, through to_jsonb so that older servers read none) and SET (n_distinct = ...)
        "  (SELECT to_jsonb(a) ->> 'attcompression' FROM pg_attribute a WHERE a.attrelid = :oid AND a.attname = c.column_name) AS compression, " +
        "  (SELECT a.attoptions FROM pg_attribute a WHERE a.attrelid = :oid AND a.attname = c.column_name) AS attribute_options, " +
        // the sequence the default draws from (nextval('app.ticket_seq')), schema-qualified outside the current schema:
        // when it is a standalone one (not owned by a column), the column keeps that default rather than reading as an identity
        "  (SELECT CASE WHEN sn.nspname <> current_schema() THEN sn.nspname || '.' ELSE '' END || s.relname FROM pg_attribute a " +
        "    JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid " +
        "    AND d.refclassid = 'pg_class'::regclass JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S' JOIN pg_namespace sn ON sn.oid = s.relnamespace " +
        "    WHERE a.attrelid = :oid AND a.attname = c.column_name LIMIT 1) AS default_sequence, " +
        // the sequence the default draws from is owned by another column (another table's serial log.id, or this
        // table's other serial column): the column keeps that default and its nullability, it is no serial of its own.
        // Only under the name the owner's sequence gets again in a target (log_id_seq, in the owner's schema); a
        // sequence of another name reads as before (an identity of the column's own)
        "  EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum " +
        "    JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid AND d.refclassid = 'pg_class'::regclass " +
        "    JOIN pg_depend o ON o.classid = 'pg_class'::regclass AND o.objid = d.refobjid AND o.refclassid = 'pg_class'::regclass AND o.deptype IN ('a', 'i') " +
        "    JOIN pg_class s ON s.oid = o.objid JOIN pg_class oc ON oc.oid = o.refobjid JOIN pg_attribute oa ON oa.attrelid = o.refobjid AND oa.attnum = o.refobjsubid " +
        "    WHERE a.attrelid = :oid AND a.attname = c.column_name AND NOT (o.refobjid = a.attrelid AND o.refobjsubid = a.attnum) " +
        "    AND s.relname = oc.relname || '_' || oa.attname || '_seq' AND s.relnamespace = oc.relnamespace) AS drawn_elsewhere, " +
        // a serial column: a sequence OWNED BY it (pg_depend 'a'; an identity's is 'i'), its start and step
        "  (SELECT s.seqstart || ' ' || s.seqincrement FROM pg_attribute a JOIN pg_depend d ON d.refobjid = a.attrelid AND d.refobjsubid = a.attnum " +
        "    AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' JOIN pg_sequence s ON s.seqrelid = d.objid " +
        "    WHERE a.attrelid = :oid AND a.attname = c.column_name LIMIT 1) AS serial_sequence, " +
        // the bounds, cycling and cache of the sequence behind an identity ('i') or serial ('a') column, and its type
        "  (SELECT s.seqmin || ' ' || s.seqmax || ' ' || s.seqcycle || ' ' || s.seqcache || ' ' || s.seqincrement || ' ' || format_type(s.seqtypid, NULL) FROM pg_attribute a " +
        "    JOIN pg_depend d ON d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') " +
        "    JOIN pg_sequence s ON s.seqrelid = d.objid WHERE a.attrelid = :oid AND a.attname = c.column_name LIMIT 1) AS sequence_bounds " +
        "FROM information_schema.columns c WHERE table_schema = :schema AND table_name = :table ORDER BY ordinal_position";

    // Keys and foreign keys with their columns in declared order.
    private const string ConstraintsSql =
        "SELECT con.conname AS name, con.contype AS kind, " +
        "  (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns, " +
        "  ref.relname AS ref_table, CASE WHEN ref.relnamespace <> (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) THEN (SELECT nspname FROM pg_namespace WHERE oid = ref.relnamespace) END AS ref_schema, " +
        "  (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS ref_columns, " +
        "  con.confdeltype AS on_delete, con.confupdtype AS on_update, con.condeferrable AS deferrable, con.condeferred AS deferred, " +
        // MATCH FULL; and (PostgreSQL 15: read through to_jsonb so that older servers, without them, read none) the
        // columns ON DELETE SET NULL/DEFAULT (a) sets, and a unique constraint's NULLS NOT DISTINCT (on its index)
        "  con.confmatchtype = 'f' AS match_full, NOT con.convalidated AS not_valid, " +
        "  CASE WHEN jsonb_typeof(to_jsonb(con) -> 'confdelsetcols') = 'array' THEN (SELECT string_agg(a.attname, ',' ORDER BY k.ord) " +
        "    FROM jsonb_array_elements_text(to_jsonb(con) -> 'confdelsetcols') WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum::int2) END AS on_delete_columns, " +
        "  con.contype = 'u' AND COALESCE((SELECT (to_jsonb(i) ->> 'indnullsnotdistinct')::boolean FROM pg_index i WHERE i.indexrelid = con.conindid), false) AS nulls_not_distinct, " +
        // a key's INCLUDE columns: those of its index after the key's own (issue #12 L15)
        "  CASE WHEN con.contype IN ('p', 'u') THEN (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) " +
        "    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE i.indexrelid = con.conindid AND k.ord > i.indnkeyatts) END AS include, " +
        // a partition's key or foreign key made by its partitioned table's
        "  con.conparentid <> 0 OR NOT con.conislocal AS inherited " +
        "FROM pg_constraint con LEFT JOIN pg_class ref ON ref.oid = con.confrelid " +
        // not the clones PostgreSQL keeps of a foreign key to a partitioned table, one per partition it references:
        // the foreign key to the partitioned table makes them again
        "WHERE con.conrelid = :oid AND con.contype IN ('p', 'u', 'f') AND NOT (con.contype = 'f' AND con.conparentid <> 0 AND ref.relispartition) ORDER BY con.conname";

    // Indexes that do not back a constraint, one row per key part (then per INCLUDE column): a column, or an
    // expression (attnum 0) as pg_get_indexdef prints it; indoption bit 1 = DESC, bit 2 = NULLS FIRST; the operator
    // class when it is not the type's default; the method and the predicate of a partial index; NULLS NOT DISTINCT
    // (PostgreSQL 15; read through to_jsonb so that older servers, without the column, read false); a key part's
    // collation when it is not the column's (an expression's: when not the database default, 100), COLLATE "C".
    private const string IndexesSql =
        "SELECT ic.relname AS name, i.indisunique AS is_unique, am.amname AS method, pg_get_expr(i.indpred, i.indrelid, true) AS predicate, " +
        "  COALESCE((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false) AS nulls_not_distinct, i.indnkeyatts AS key_count, k.ord, a.attname AS col, pg_get_indexdef(i.indexrelid, k.ord::int, true) AS expr, " +
        "  COALESCE(i.indoption[k.ord - 1], 0) AS opt, CASE WHEN opc.opcdefault THEN NULL ELSE opc.opcname END AS opclass, " +
        // a partition's index attached to its partitioned table's
        "  EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid) AS inherited, ic.reloptions AS storage, obj_description(i.indexrelid, 'pg_class') AS comment, " +
        "  CASE WHEN k.ord <= i.indnkeyatts AND i.indcollation[k.ord - 1] <> 0 AND i.indcollation[k.ord - 1] <> CASE WHEN k.attnum = 0 THEN 100 ELSE a.attcollation END " +
        "    THEN (SELECT collname FROM pg_collation WHERE oid = i.indcollation[k.ord - 1]) END AS collation " +
        "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam " +
        "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) " +
        "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum <> 0 " +
        "LEFT JOIN pg_opclass opc ON k.ord <= i.indnkeyatts AND opc.oid = i.indclass[k.ord - 1] " +
        "WHERE i.indrelid = :oid " +
        // not the index of a key, unique or exclusion constraint (a foreign key's conindid names the parent's unique index it uses: break test 28 L1)
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x') AND c.conrelid = i.indrelid) ORDER BY ic.relname, k.ord";

    // Views and materialized views (pg_matviews: whether it holds rows, and its oid for its indexes), of every user
    // schema but those an extension made outside the current one
    // the defaults (ALTER VIEW ... SET DEFAULT) and comments of a view's columns, as JSON objects by column name
    private const string ViewColumnSettings =
        "(SELECT json_object_agg(a.attname, pg_get_expr(d.adbin, d.adrelid) ORDER BY a.attname) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum " +
        "  WHERE d.adrelid = c.oid)::text AS column_defaults, " +
        "(SELECT json_object_agg(a.attname, col_description(c.oid, a.attnum) ORDER BY a.attname) FROM pg_attribute a " +
        "  WHERE a.attrelid = c.oid AND a.attnum > 0 AND col_description(c.oid, a.attnum) IS NOT NULL)::text AS column_comments";

    private const string ViewsSql =
        "SELECT viewname AS name, CASE WHEN schemaname <> current_schema() THEN schemaname END AS schema, definition, false AS materialized, true AS populated, c.oid::bigint AS oid, " +
        "  array_to_string(c.reloptions, ',') AS options, obj_description(c.oid, 'pg_class') AS comment, " + ViewColumnSettings + " " +
        "FROM pg_views v JOIN pg_namespace n ON n.nspname = v.schemaname " +
        "JOIN pg_class c ON c.relname = v.viewname AND c.relnamespace = n.oid WHERE " + UserSchema + " AND (n.nspname = current_schema() OR NOT " + ExtensionMember + ") " +
        "UNION ALL SELECT matviewname, CASE WHEN schemaname <> current_schema() THEN schemaname END, definition, true, ispopulated, c.oid::bigint, NULL, obj_description(c.oid, 'pg_class'), " + ViewColumnSettings + " " +
        "FROM pg_matviews m JOIN pg_namespace n ON n.nspname = m.schemaname " +
        "JOIN pg_class c ON c.relname = m.matviewname AND c.relnamespace = n.oid WHERE " + UserSchema + " AND (n.nspname = current_schema() OR NOT " + ExtensionMember + ") " +
        "ORDER BY 1, 2";

    // Extensions owning a type (or the element type of an array) that a column of a table uses, and those owning an
    // operator class an index or exclusion constraint uses (btree_gist for EXCLUDE USING gist (room WITH =)) or a
    // function a column default calls: no type
    private const string ExtensionsSql =
        "SELECT DISTINCT e.extname AS extension, t.typname AS type FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid " +
        "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid OR t.typarray = a.atttypid " +
        "JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid " +
        "WHERE " + UserSchema + " AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped " +
        // the base type of a domain (CREATE DOMAIN email AS citext: bt35 L1, refused where a citext column was carried)
        "UNION SELECT e.extname, t.typname FROM pg_type dom JOIN pg_namespace n ON n.oid = dom.typnamespace " +
        "JOIN pg_type t ON t.oid = dom.typbasetype OR t.typarray = dom.typbasetype " +
        "JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid " +
        "WHERE " + UserSchema + " AND dom.typtype = 'd' " +
        // an operator class of any index or exclusion constraint (btree_gist, pg_trgm's gin_trgm_ops: break test 23 F27)
        "UNION SELECT e.extname, NULL FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "JOIN pg_opclass o ON o.oid = ANY (i.indclass::oid[]) " +
        "JOIN pg_depend d ON d.classid = 'pg_opclass'::regclass AND d.objid = o.oid AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid " +
        "WHERE " + UserSchema + " AND c.relkind IN ('r', 'p') " +
        // a function a column default calls (uuid-ossp's uuid_generate_v4(), pgcrypto's gen_random_bytes())
        "UNION SELECT e.extname, NULL FROM pg_attrdef ad JOIN pg_class c ON c.oid = ad.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "JOIN pg_depend f ON f.classid = 'pg_attrdef'::regclass AND f.objid = ad.oid AND f.refclassid = 'pg_proc'::regclass " +
        "JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = f.refobjid AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid " +
        "WHERE " + UserSchema + " AND c.relkind IN ('r', 'p') ORDER BY 1, 2";

    // Standalone sequences of every user schema (of another: not an extension's): not those owned by a serial ('a') or identity ('i') column.
    private const string SequencesSql =
        "SELECT c.relname AS name, CASE WHEN n.nspname <> current_schema() THEN n.nspname END AS schema, s.seqstart AS start_value, s.seqincrement AS increment, " +
        "  s.seqmin || ' ' || s.seqmax || ' ' || s.seqcycle || ' ' || s.seqcache || ' ' || s.seqincrement || ' ' || format_type(s.seqtypid, NULL) AS bounds, obj_description(c.oid, 'pg_class') AS comment FROM pg_sequence s " +
        "JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE " + UserSchema + " AND (n.nspname = current_schema() OR NOT " + ExtensionMember + ") " +
        // (one OWNED BY a column whose default does not draw from it is standalone: it was lost, break test 28 L8)
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND (d.deptype = 'i' OR d.deptype = 'a' AND EXISTS (" +
        "  SELECT 1 FROM pg_attrdef ad JOIN pg_depend u ON u.classid = 'pg_attrdef'::regclass AND u.objid = ad.oid AND u.refclassid = 'pg_class'::regclass AND u.refobjid = c.oid " +
        "  WHERE ad.adrelid = d.refobjid AND ad.adnum = d.refobjsubid))) " +
        "ORDER BY c.relname, n.nspname";

    // comments on what the model does not hold (functions, constraints, types, schemas, policies, rules, ...), not an
    // extension's (CREATE EXTENSION makes it again) nor PostgreSQL's own (oid below 16384); those of tables, columns,
    // indexes, views, sequences and triggers are in the model (TableModel.Comment, ...)
    private const string CommentEntry = "'comment on ' || pg_describe_object(d.classoid, d.objoid, d.objsubid) || ' (COMMENT ON: not carried)'";
    private const string CommentsFrom =
        "FROM pg_description d WHERE d.objoid >= 16384 AND d.classoid NOT IN ('pg_class'::regclass, 'pg_trigger'::regclass, 'pg_extension'::regclass) " +
        "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classoid AND e.objid = d.objoid AND e.deptype = 'e') " +
        // a key's or check's comment on its constraint; a constraint trigger's constraint is its trigger's
        "AND NOT (d.classoid = 'pg_constraint'::regclass AND EXISTS (SELECT 1 FROM pg_constraint k WHERE k.oid = d.objoid AND k.contype = 't'))";

    // a comment on the sequence a serial or identity column owns ('a', 'i'): that sequence is the column's, not in the
    // model's sequences, so its comment is named (break test 26 G1)
    private const string OwnedSequenceCommentEntry =
        "'comment on sequence ' || CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || c.relname || ' (of a serial or identity column; COMMENT ON: not carried)'";
    private const string OwnedSequenceCommentsFrom =
        "FROM pg_description d JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0 AND c.relkind = 'S' " +
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + UserSchema + " " +
        "AND EXISTS (SELECT 1 FROM pg_depend o WHERE o.classid = 'pg_class'::regclass AND o.objid = c.oid AND o.deptype IN ('a', 'i'))";

    private const string StatisticsEntry =
        "'statistics ' || CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || s.stxname || ' on ' || c.relname || ' (CREATE STATISTICS: not carried; create it in a migration)'";
    private const string StatisticsFrom =
        "FROM pg_statistic_ext s JOIN pg_class c ON c.oid = s.stxrelid JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE " + UserSchema;

    // Objects the model does not hold, by kind: pg_describe_object names each ("text search configuration my_cfg",
    // "server my_srv"); not PostgreSQL's own (oid below 16384) nor an extension's (CREATE EXTENSION makes them again).
    private static readonly (string Catalog, string Statement)[] NotCarriedKinds =
    [
        ("pg_publication", "CREATE PUBLICATION"), ("pg_ts_config", "CREATE TEXT SEARCH CONFIGURATION"), ("pg_ts_dict", "CREATE TEXT SEARCH DICTIONARY"),
        ("pg_ts_parser", "CREATE TEXT SEARCH PARSER"), ("pg_ts_template", "CREATE TEXT SEARCH TEMPLATE"), ("pg_conversion", "CREATE CONVERSION"),
        ("pg_foreign_data_wrapper", "CREATE FOREIGN DATA WRAPPER"), ("pg_foreign_server", "CREATE SERVER"), ("pg_am", "CREATE ACCESS METHOD"),
        ("pg_opclass", "CREATE OPERATOR CLASS"), ("pg_opfamily", "CREATE OPERATOR FAMILY"), ("pg_language", "CREATE LANGUAGE"), ("pg_transform", "CREATE TRANSFORM"),
    ];

    private static readonly string NotCarriedObjectsSql = string.Concat(NotCarriedKinds.Select(k =>
        $"UNION ALL SELECT pg_describe_object('{k.Catalog}'::regclass, x.oid, 0) || ' ({k.Statement}: not carried; create it in a migration)' FROM {k.Catalog} x " +
        $"WHERE x.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{k.Catalog}'::regclass AND e.objid = x.oid AND e.deptype = 'e') ")) +
        // subscriptions and user mappings hold connection settings and credentials: named only, never read further
        "UNION ALL SELECT 'subscription ' || s.subname || ' (CREATE SUBSCRIPTION: not carried; it holds a connection: create it on the target yourself)' " +
        "FROM pg_subscription s WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database()) " +
        "UNION ALL SELECT 'user mapping for ' || m.usename || ' server ' || m.srvname || ' (CREATE USER MAPPING: not carried; it may hold credentials: create it on the target yourself)' FROM pg_user_mappings m " +
        "UNION ALL SELECT 'foreign table ' || CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || c.relname || ' (server ' || s.srvname || " +
        "  ': not carried, nor its rows, which live on the foreign server; create it in a migration)' " +
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_foreign_table f ON f.ftrelid = c.oid JOIN pg_foreign_server s ON s.oid = f.ftserver " +
        "WHERE " + UserSchema + " AND NOT " + ExtensionMember + " " +
        "UNION ALL SELECT " + DefaultPrivilegesEntry + " FROM pg_default_acl a LEFT JOIN pg_namespace n ON n.oid = a.defaclnamespace " +
        "UNION ALL SELECT " + PrivilegesEntry + " " + PrivilegesFrom + " " +
        "UNION ALL SELECT " + RoutinePrivilegesEntry + " " + RoutinePrivilegesFrom + " " +
        "UNION ALL SELECT " + SchemaPrivilegesEntry + " " + SchemaPrivilegesFrom + " " +
        "UNION ALL SELECT " + TypePrivilegesEntry + " " + TypePrivilegesFrom + " " +
        "UNION ALL SELECT " + OwnersEntry + " " + OwnersFrom + " ";

    private const string DefaultPrivilegesEntry =
        "'default privileges of role ' || pg_get_userbyid(a.defaclrole) || coalesce(' in schema ' || n.nspname, '') || ' on ' || " +
        "  CASE a.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' ELSE a.defaclobjtype::text END || " +
        "  ' (ALTER DEFAULT PRIVILEGES: not carried)'";

    // privileges given on tables, views, sequences and their columns (GRANT): not carried (the roles are the server's, not
    // the database's: pg_dump carries them only where the roles exist), named so a restored database's missing ones show
    private const string PrivilegesEntry =
        "'privileges on ' || CASE c.relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' ELSE 'table ' END || " +
        "  CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || c.relname || ' (GRANT: not carried; grant them again)'";
    private const string PrivilegesFrom =
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + UserSchema + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND NOT " + ExtensionMember + " " +
        // an ACL equal to the owner's default (GRANT then REVOKE leaves it explicit) is no privilege given (bt36 L1: verify named one, schema diff none)
        "AND ((c.relacl IS NOT NULL AND c.relacl <> acldefault(CASE c.relkind WHEN 'S' THEN 's'::\"char\" ELSE 'r'::\"char\" END, c.relowner)) " +
        "  OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND a.attacl IS NOT NULL AND cardinality(a.attacl) > 0))";

    // EXECUTE given or taken on functions and procedures (REVOKE EXECUTE ... FROM PUBLIC on a SECURITY DEFINER one): not
    // carried, as a table's; a routine created again is callable by PUBLIC, so it is named (bt39 H4: dropped silently)
    private const string RoutinePrivilegesEntry =
        "'privileges on ' || CASE p.prokind WHEN 'p' THEN 'procedure ' ELSE 'function ' END || " +
        "  CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' || " +
        "  ' (GRANT/REVOKE EXECUTE: not carried; grant or revoke them again)'";
    private const string RoutinePrivilegesFrom =
        "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + UserSchema + " AND p.prokind IN ('f', 'p') " +
        "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e') " +
        "AND p.proacl IS NOT NULL AND p.proacl <> acldefault('f', p.proowner)";

    // USAGE/CREATE given or taken on schemas and USAGE on types and domains: not carried, as a table's (bt40 N-H2: dropped
    // silently, and verify said OK). A schema's ACL is compared with what initdb gave it (pg_init_privs: public's), else
    // with the owner's default; an extension's schemas and types are its own
    private const string SchemaPrivilegesEntry = "'privileges on schema ' || n.nspname || ' (GRANT: not carried; grant them again)'";
    private const string SchemaPrivilegesFrom =
        "FROM pg_namespace n WHERE " + UserSchema + " AND n.nspacl IS NOT NULL " +
        "AND n.nspacl <> coalesce((SELECT i.initprivs FROM pg_init_privs i WHERE i.classoid = 'pg_namespace'::regclass AND i.objoid = n.oid AND i.objsubid = 0), acldefault('n', n.nspowner)) " +
        "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid AND e.deptype = 'e')";
    private const string TypePrivilegesEntry =
        "'privileges on ' || CASE t.typtype WHEN 'd' THEN 'domain ' ELSE 'type ' END || " +
        "  CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || t.typname || ' (GRANT: not carried; grant them again)'";
    private const string TypePrivilegesFrom =
        "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + UserSchema + " AND t.typacl IS NOT NULL AND t.typacl <> acldefault('T', t.typowner) " +
        "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')";

    // objects owned by a role other than the database's owner (ALTER ... OWNER TO alice): not carried — a copy's and a
    // restore's objects belong to the role that makes them, as pg_restore --no-owner — named per role, with the objects
    // as its definition, so verify tells owners apart (bt40 N-H5: they became the copying role without a word)
    private const string OwnersEntry =
        "'objects owned by role ' || pg_get_userbyid(o.owner) || ': ' || array_to_string((array_agg(o.what ORDER BY o.what))[1:10], ', ') || " +
        "  CASE WHEN count(*) > 10 THEN ' and ' || (count(*) - 10) || ' more' ELSE '' END || " +
        "  ' (OWNER: not carried; the copy''s belong to the role that makes it: ALTER ... OWNER TO ' || " +
        "  quote_ident(pg_get_userbyid(o.owner)) || ' for each)'";
    private const string OwnersFrom =
        "FROM (SELECT c.relowner AS owner, CASE c.relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' ELSE 'table ' END || " +
        "    CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || c.relname AS what " +
        "  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + UserSchema + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND NOT " + ExtensionMember + " " +
        "  UNION ALL SELECT p.proowner, CASE p.prokind WHEN 'p' THEN 'procedure ' WHEN 'a' THEN 'aggregate ' ELSE 'function ' END || " +
        "    CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' " +
        "  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + UserSchema + " " +
        "    AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e') " +
        "  UNION ALL SELECT t.typowner, CASE t.typtype WHEN 'd' THEN 'domain ' ELSE 'type ' END || CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || t.typname " +
        "  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + UserSchema + " AND t.typtype IN ('e', 'd', 'r', 'm') " +
        "    AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e') " +
        "  UNION ALL SELECT t.typowner, 'type ' || CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || t.typname " +
        "  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON c.oid = t.typrelid WHERE " + UserSchema + " AND t.typtype = 'c' AND c.relkind = 'c' " +
        "  UNION ALL SELECT n.nspowner, 'schema ' || n.nspname FROM pg_namespace n WHERE " + UserSchema + " AND n.nspname <> 'public' " +
        "    AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid AND e.deptype = 'e')) o " +
        "WHERE o.owner <> (SELECT datdba FROM pg_database WHERE datname = current_database()) GROUP BY o.owner";

    // the definitions of LeftOutSql's entries that have one (a comment's text, a statistics object's CREATE STATISTICS):
    // verify compares them, so one changed behind the tool's back is a finding, not only one missing (break test 26 G20)
    private const string LeftOutDefinitionsSql =
        "SELECT " + CommentEntry + " AS entry, d.description AS definition " + CommentsFrom + " " +
        "UNION ALL SELECT " + StatisticsEntry + ", pg_get_statisticsobjdef(s.oid) " + StatisticsFrom + " " +
        "UNION ALL SELECT " + OwnedSequenceCommentEntry + ", d.description " + OwnedSequenceCommentsFrom + " " +
        "UNION ALL SELECT pg_describe_object('pg_publication'::regclass, p.oid, 0) || ' (CREATE PUBLICATION: not carried; create it in a migration)', " +
        "  (to_jsonb(p) - 'oid' - 'pubowner')::text || coalesce(' ' || (SELECT string_agg((to_jsonb(t) - 'pubname')::text, ', ' ORDER BY t.schemaname, t.tablename) " +
        "    FROM pg_publication_tables t WHERE t.pubname = p.pubname), '') FROM pg_publication p WHERE p.oid >= 16384 " +
        "UNION ALL SELECT " + DefaultPrivilegesEntry + ", a.defaclacl::text FROM pg_default_acl a LEFT JOIN pg_namespace n ON n.oid = a.defaclnamespace " +
        "UNION ALL SELECT " + PrivilegesEntry + ", coalesce(c.relacl::text, '') || coalesce(' ' || (SELECT string_agg(a.attname || ' ' || a.attacl::text, ', ' ORDER BY a.attnum) " +
        "    FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND a.attacl IS NOT NULL AND cardinality(a.attacl) > 0), '') " + PrivilegesFrom + " " +
        "UNION ALL SELECT " + RoutinePrivilegesEntry + ", p.proacl::text " + RoutinePrivilegesFrom + " " +
        "UNION ALL SELECT " + SchemaPrivilegesEntry + ", n.nspacl::text " + SchemaPrivilegesFrom + " " +
        "UNION ALL SELECT " + TypePrivilegesEntry + ", t.typacl::text " + TypePrivilegesFrom + " " +
        "UNION ALL SELECT " + OwnersEntry + ", string_agg(o.what, ', ' ORDER BY o.what) " + OwnersFrom;

    // What the model does not hold, by name: a partition or inheritance child whose parent is
    // in another schema (recreated as a plain table with its own rows: reads use ONLY, so no row is read twice); large objects (pg_largeobject: content outside the tables; copy and
    // backup drop this entry where they carry them, see PostgreSqlLargeObjects).
    // Sequences, enum types, domains (of every schema), partitioning, inheritance and UNLOGGED are in the model.
    private static readonly string LeftOutSql =
        "SELECT 'table ' || CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || c.relname || ' (' || CASE WHEN c.relispartition THEN 'a partition of ' ELSE 'INHERITS ' END || pn.nspname || '.' || p.relname || " +
        // (what is left out is the tie: the table itself is carried, bt33 L8)
        "  ' in another schema: this tie is left out, the table is recreated as a plain table)' " +
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent " +
        "JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE " + UserSchema + " AND c.relkind IN ('r', 'p') AND p.relnamespace <> c.relnamespace " +
        // user-defined operators, aggregates and casts (not an extension's: CREATE EXTENSION makes them): not carried yet,
        // named so a check or view that uses one is not a surprise (break test 23 F29)
        "UNION ALL SELECT 'operator ' || CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || o.oprname || '(' || " +
        "  coalesce(format_type(o.oprleft, NULL), 'NONE') || ', ' || coalesce(format_type(o.oprright, NULL), 'NONE') || " +
        "  ') (CREATE OPERATOR: not carried; create it in a migration before the tables whose checks, defaults or views use it)' " +
        "FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE " + UserSchema + " " +
        "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_operator'::regclass AND e.objid = o.oid AND e.deptype = 'e') " +
        "UNION ALL SELECT 'aggregate ' || CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || " +
        "  ') (CREATE AGGREGATE: not carried; a view that uses it is skipped: create it in a migration)' " +
        "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + UserSchema + " AND p.prokind = 'a' " +
        "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e') " +
        "UNION ALL SELECT 'cast (' || format_type(k.castsource, NULL) || ' AS ' || format_type(k.casttarget, NULL) || ') (CREATE CAST: not carried; create it in a migration)' " +
        "FROM pg_cast k WHERE k.oid >= 16384 " +
        // not an extension's, nor one CREATE TYPE made ('i': a range type's cast to its multirange)
        "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_cast'::regclass AND e.objid = k.oid AND e.deptype IN ('e', 'i')) " +
        // objects of other kinds the model does not hold (break test 28: they were lost without a word)
        NotCarriedObjectsSql +
        // event triggers (database-wide, on DDL): not carried, named (break test 24 B4); comments on triggers are carried (TriggerModel.Comment)
        "UNION ALL SELECT 'event trigger ' || e.evtname || ' (CREATE EVENT TRIGGER ... ON ' || e.evtevent || ': not carried; create it in a migration, as a superuser)' " +
        "FROM pg_event_trigger e WHERE NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_event_trigger'::regclass AND x.objid = e.oid AND x.deptype = 'e') " +
        // comments on what else the model holds or leaves out (functions, constraints, types, schemas, policies, rules, ...):
        // not carried, named; those of tables, columns, indexes, views, sequences and triggers are (TableModel.Comment, ...);
        // not an extension's (CREATE EXTENSION makes it again) nor PostgreSQL's own (oid below 16384)
        "UNION ALL SELECT " + CommentEntry + " " + CommentsFrom + " " +
        "UNION ALL SELECT " + OwnedSequenceCommentEntry + " " + OwnedSequenceCommentsFrom + " " +
        // extended statistics and REPLICA IDENTITY USING INDEX: not carried, named (break test 25 F14, F32)
        "UNION ALL SELECT " + StatisticsEntry + " " + StatisticsFrom + " " +
        "UNION ALL SELECT 'replica identity of table ' || CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || c.relname || ' (REPLICA IDENTITY USING INDEX ' || " +
        "  (SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = c.oid AND x.indisreplident LIMIT 1) || ': not carried; the target uses the primary key)' " +
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + UserSchema + " AND c.relkind IN ('r', 'p') AND c.relreplident = 'i' " +
        // comments on triggers are carried (TriggerModel.Comment), but for one on a partition's clone of its partitioned table's trigger
        "UNION ALL SELECT 'comment on trigger ' || t.tgname || ' on ' || CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || c.relname || " +
        "  ' (COMMENT ON TRIGGER of a partition''s clone of its partitioned table''s trigger: not carried)' FROM pg_description d JOIN pg_trigger t ON d.classoid = 'pg_trigger'::regclass AND d.objoid = t.oid " +
        "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + UserSchema + " AND NOT t.tgisinternal AND COALESCE((to_jsonb(t) ->> 'tgparentid')::oid, 0) <> 0 " +
        "UNION ALL SELECT 'large objects (' || count(*) || ' in pg_largeobject): not in the schema model; copy and backup of the whole database carry them into PostgreSQL " +
        "with their oids, otherwise their content is not carried and a column of type oid keeps only their numbers' FROM pg_largeobject_metadata HAVING count(*) > 0";

    // a type an extension made (CREATE EXTENSION makes it again): not read from other schemas
    private const string ExtensionType = "EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')";

    // Domains of every user schema (of another: named by schema, not an extension's): base type as format_type prints it, NOT NULL, default, a collation other than the
    // base type's; their CHECK constraints come from DomainChecksSql.
    private const string DomainsSql =
        "SELECT t.oid::bigint AS oid, t.typname AS name, CASE WHEN n.nspname <> current_schema() THEN n.nspname END AS schema, format_type(t.typbasetype, t.typtypmod) AS base, t.typnotnull AS not_null, t.typdefault AS def, " +
        "  CASE WHEN t.typcollation <> 0 AND t.typcollation <> b.typcollation THEN (SELECT collname FROM pg_collation WHERE oid = t.typcollation) END AS collation, " +
        "  b.typtype = 'd' AS over_domain, d.data_type, d.udt_name, d.character_maximum_length, d.numeric_precision, d.numeric_scale, d.datetime_precision, " +
        // an enum or composite base type of another schema (a domain over app.mood: bt48 M4, read as mood and refused by every restore)
        "  CASE WHEN b.typtype IN ('e', 'c') AND d.udt_schema NOT IN (current_schema(), 'pg_catalog') THEN d.udt_schema END AS udt_elsewhere " +
        "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type b ON b.oid = t.typbasetype " +
        "LEFT JOIN information_schema.domains d ON d.domain_schema = n.nspname AND d.domain_name = t.typname " +
        "WHERE " + UserSchema + " AND (n.nspname = current_schema() OR NOT " + ExtensionType + ") AND t.typtype = 'd' ORDER BY t.typname, n.nspname";

    // Enum types of every user schema (of another: named by schema, not an extension's), labels in order.
    private const string EnumsSql =
        "SELECT t.typname AS name, CASE WHEN n.nspname <> current_schema() THEN n.nspname END AS schema, e.enumlabel AS label " +
        "FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace " +
        "WHERE " + UserSchema + " AND (n.nspname = current_schema() OR NOT " + ExtensionType + ") ORDER BY t.typname, n.nspname, e.enumsortorder";

    // Composite types of every user schema (a pg_class row of relkind 'c'; not a table's row type, not an extension's;
    // of another schema: named by schema): attributes in order, typed as format_type prints them, with a collation other than the attribute type's.
    private const string CompositesSql =
        "SELECT t.typname AS name, CASE WHEN n.nspname <> current_schema() THEN n.nspname END AS schema, a.attname AS attribute, format_type(a.atttypid, a.atttypmod) AS type, " +
        "  CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN (SELECT collname FROM pg_collation WHERE oid = a.attcollation) END AS collation " +
        "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c' " +
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped JOIN pg_type at ON at.oid = a.atttypid " +
        "WHERE " + UserSchema + " AND t.typtype = 'c' AND NOT " + ExtensionType + " " +
        "ORDER BY t.typname, n.nspname, a.attnum";

    // Range types of every user schema (not an extension's; of another schema: named by schema), each option only where
    // it is not the default: an operator class that is not the subtype's default one, a collation other than the
    // subtype's, the functions (qualified outside the current schema), a multirange name (PostgreSQL 14+, read through
    // to_jsonb so one query serves every version) other than the one derived from the range's name (break test 30 F14)
    private const string RangesSql =
        "SELECT t.typname AS name, CASE WHEN n.nspname <> current_schema() THEN n.nspname END AS schema, format_type(r.rngsubtype, NULL) AS subtype, " +
        "  (SELECT quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) FROM pg_opclass oc JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace " +
        "   WHERE oc.oid = r.rngsubopc AND NOT oc.opcdefault) AS opclass, " +
        "  CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN (SELECT collname FROM pg_collation WHERE oid = r.rngcollation) END AS collation, " +
        "  (SELECT CASE WHEN pn.nspname = current_schema() THEN quote_ident(p.proname) ELSE quote_ident(pn.nspname) || '.' || quote_ident(p.proname) END " +
        "   FROM pg_proc p JOIN pg_namespace pn ON pn.oid = p.pronamespace WHERE p.oid = r.rngcanonical) AS canonical, " +
        "  (SELECT CASE WHEN pn.nspname = current_schema() THEN quote_ident(p.proname) ELSE quote_ident(pn.nspname) || '.' || quote_ident(p.proname) END " +
        "   FROM pg_proc p JOIN pg_namespace pn ON pn.oid = p.pronamespace WHERE p.oid = r.rngsubdiff) AS subdiff, " +
        "  (SELECT mt.typname FROM pg_type mt WHERE mt.oid = (to_jsonb(r) ->> 'rngmultitypid')::oid) AS multirange " +
        "FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type st ON st.oid = r.rngsubtype " +
        "WHERE " + UserSchema + " AND NOT " + ExtensionType + " ORDER BY t.typname, n.nspname";

    // Collations made with CREATE COLLATION in the current schema (not an extension's). The locale column is
    // colliculocale on PostgreSQL 15–16 and colllocale from 17; rules (ICU tailoring) from 16: read through to_jsonb so
    // one query serves every version.
    private const string CollationsSql =
        "SELECT c.collname AS name, CASE c.collprovider WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' ELSE 'libc' END AS provider, " +
        "  c.collisdeterministic AS deterministic, c.collcollate AS lc_collate, c.collctype AS lc_ctype, " +
        "  coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale') AS locale, to_jsonb(c) ->> 'collicurules' AS rules " +
        "FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace WHERE n.nspname = current_schema() AND c.collprovider <> 'd' " +
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_collation'::regclass AND d.objid = c.oid AND d.deptype = 'e') " +
        "ORDER BY c.collname";

    // the database's default collation (pg_database: datlocprovider and the ICU locale since PostgreSQL 15, the builtin
    // provider's since 17; to_jsonb so one query serves every version), named as PostgreSQL names such a collation
    private const string DefaultCollationSql =
        "SELECT CASE to_jsonb(d) ->> 'datlocprovider' WHEN 'i' THEN coalesce(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale') || '-x-icu' " +
        "  WHEN 'b' THEN to_jsonb(d) ->> 'datlocale' ELSE d.datcollate END FROM pg_database d WHERE d.datname = current_database()";

    private const string DomainChecksSql =
        "SELECT conname AS name, pg_get_constraintdef(oid) AS def, NOT convalidated AS not_valid FROM pg_constraint WHERE contypid = :oid AND contype = 'c' ORDER BY conname";

    public static async Task<SchemaModel> ReadAsync(NexuSqlSession db, CancellationToken ct)
    {
        // a search path naming no schema that exists (ALTER DATABASE ... SET search_path = nothere, '$user') leaves no
        // current schema: the reads below failed with an internal InvalidCastException, a copy's CREATE TABLE with
        // 3F000 and "run the same command again" (bt37 M14)
        var path = await db.QuerySingleAsync<Row>("SELECT current_schema() AS schema, current_setting('search_path') AS path", cancellationToken: ct).ConfigureAwait(false);
        if (path["schema"] is not string { Length: > 0 })
            throw new NexuSqlRefusedException(
                $"The connection has no current schema: its search path ({path["path"]}) names no schema that exists, and NexuSQL reads and writes the " +
                "current schema's tables. Set one for the database or the user (ALTER DATABASE ... SET search_path = public; ALTER ROLE ... SET search_path = public), " +
                "create the schema it names, or name the schema in the URL for NexuSQL alone (?search_path=public). Nothing was read or written.");
        // before the tables: a column whose default draws from one of them keeps that default
        var sequences = (await db.QueryAsync(SequencesSql, cancellationToken: ct).ConfigureAwait(false))
            .Select(q =>
            {
                var (min, max, cycle, cache) = Bounds((string?)q["bounds"], ofBigint: true);
                return new SequenceModel((string)q["name"]!, q.Get<long>("start_value"), q.Get<long>("increment"))
                {
                    Schema = (string?)q["schema"], MinValue = min, MaxValue = max, Cycle = cycle, Cache = cache, Comment = (string?)q["comment"],
                };
            }).ToList();
        var standalone = sequences.Select(q => q.QualifiedName).ToHashSet(StringComparer.Ordinal);
        var tables = new List<TableModel>();
        foreach (var t in await db.QueryAsync(TablesSql, cancellationToken: ct).ConfigureAwait(false))
        {
            var name = (string)t["name"]!;
            var oid = t.Get<long>("oid");
            var schema = (string)t["schema"]!;
            var columns = (await db.QueryAsync(ColumnsSql, new { table = name, schema, oid }, ct).ConfigureAwait(false)).Select(c =>
            {
                var type = MapType((string)c["udt_name"]!, (string)c["data_type"]!, c.Get<int?>("character_maximum_length"), c.Get<int?>("numeric_precision"), c.Get<int?>("numeric_scale"),
                    c.Get<int?>("datetime_precision"), (string?)c["formatted"]);
                // an enum or composite type of another schema keeps it: native:app.mood, native:Sales.Mood (its QualifiedName, unquoted like it)
                if (c["type_schema"] is string typeSchema && type.Kind == PortableType.Native) type = type with { Native = typeSchema + "." + type.Native };
                var identity = (string)c["is_identity"]! == "YES";
                // nextval() of a standalone sequence (shared, or of another schema), or of one another column owns, is a default like any other
                var shared = c["default_sequence"] is string drawn && standalone.Contains(drawn) || c.Get<bool?>("drawn_elsewhere") == true;
                var generated = !shared && Generated((string?)c["column_default"]);
                var bounds = Bounds((string?)c["sequence_bounds"], ofBigint: false);
                var serial = generated ? SerialOf(type, (string?)c["serial_sequence"], bounds) : null;
                var nullable = c["domain_name"] is null ? (string)c["is_nullable"]! == "YES" : !c.Get<bool>("not_null");
                return new ColumnModel((string)c["column_name"]!, type, nullable,
                    shared ? ColumnDefault.Normalize((string?)c["column_default"], type) : MapDefault((string?)c["column_default"], type), identity || generated)
                {
                    IdentityOptions = identity ? WithBounds(IdentityOptionsOf((string?)c["identity_generation"], (string?)c["identity_start"], (string?)c["identity_increment"]), bounds)
                        : serial?.Options,
                    // PostgreSQL 15 has stored generated columns only
                    Generated = (string?)c["is_generated"] == "ALWAYS" && c["generation_expression"] is string expression ? new GeneratedColumn(expression) : null,
                    // null unless declared (COLLATE "C")
                    Collation = (string?)c["collation_name"],
                    // a column of a domain: the portable base type, declared as the domain on PostgreSQL (schema-qualified when of another schema)
                    EngineType = serial?.Declared ?? (c["domain_name"] is null ? EngineTypeOf(type, (string?)c["formatted"])
                        : c.Get<bool?>("domain_here") == true && (string?)c["formatted"] is { } domain ? new EngineColumnType(NexuSqlEngine.PostgreSql, domain)
                        : (string?)c["domain_elsewhere"] is { } other ? new EngineColumnType(NexuSqlEngine.PostgreSql, other) : null),
                    // only where the parent is in the model (of this schema): otherwise the table is read as a plain one
                    Inherited = c.Get<bool?>("inherited") == true && (t["partition_of"] is not null || t["inherits"] is string[] { Length: > 0 }),
                    Comment = (string?)c["comment"],
                    Storage = (string?)c["storage"] switch { "p" => "plain", "e" => "external", "m" => "main", "x" => "extended", _ => null },
                    Statistics = c.Get<int?>("statistics"),
                    Compression = (string?)c["compression"] switch { "p" => "pglz", "l" => "lz4", _ => null },
                    AttributeOptions = c["attribute_options"] is string[] { Length: > 0 } attributeOptions ? [.. attributeOptions.Order(StringComparer.Ordinal)] : null,
                };
            }).ToList();
            KeyModel? pk = null;
            var uniques = new List<KeyModel>();
            var foreignKeys = new List<ForeignKeyModel>();
            foreach (var c in await db.QueryAsync(ConstraintsSql, new { oid }, ct).ConfigureAwait(false))
            {
                var cols = ((string)c["columns"]!).Split(',');
                var deferrable = !c.Get<bool>("deferrable") ? null : c.Get<bool>("deferred") ? "deferred" : "immediate";
                var include = c["include"] is string included ? included.Split(',') : null;
                switch (c.Get<char>("kind"))
                {
                    case 'p': pk = new KeyModel((string)c["name"]!, cols) { Deferrable = deferrable, Inherited = c.Get<bool>("inherited"), Include = include }; break;
                    case 'u':
                        uniques.Add(new KeyModel((string)c["name"]!, cols) { Deferrable = deferrable, Inherited = c.Get<bool>("inherited"), NullsNotDistinct = c.Get<bool>("nulls_not_distinct"), Include = include });
                        break;
                    case 'f':
                        foreignKeys.Add(new ForeignKeyModel((string)c["name"]!, cols, (string)c["ref_table"]!, ((string)c["ref_columns"]!).Split(','),
                            Action(c.Get<char>("on_delete")), Action(c.Get<char>("on_update")))
                        {
                            Deferrable = deferrable, Inherited = c.Get<bool>("inherited"), ReferencedSchema = (string?)c["ref_schema"],
                            MatchFull = c.Get<bool>("match_full"), NotValid = c.Get<bool>("not_valid"), OnDeleteColumns = ((string?)c["on_delete_columns"])?.Split(','),
                        });
                        break;
                }
            }
            var indexes = (await db.QueryAsync(IndexesSql, new { oid }, ct).ConfigureAwait(false)).GroupBy(i => (string)i["name"]!).Select(ReadIndex).ToList();
            // checks and exclusion constraints, as PostgreSQL prints them
            var definitions = await db.QueryAsync(
                "SELECT conname AS name, contype AS kind, pg_get_constraintdef(oid) AS def, NOT conislocal AS inherited, connoinherit AS no_inherit, NOT convalidated AS not_valid FROM pg_constraint WHERE conrelid = :oid AND contype IN ('c', 'x') ORDER BY conname",
                new { oid }, ct).ConfigureAwait(false);
            var checks = definitions.Where(c => c.Get<char>("kind") == 'c')
                .Select(c => new CheckModel((string)c["name"]!, CheckExpression((string)c["def"]!)) { Inherited = c.Get<bool>("inherited"), NoInherit = c.Get<bool>("no_inherit"), NotValid = c.Get<bool>("not_valid") }).ToList();
            var exclusions = definitions.Where(c => c.Get<char>("kind") == 'x').Select(c => new ExclusionModel((string)c["name"]!, (string)c["def"]!)).ToList();
            var partitionOf = (string?)t["partition_of"];
            var inherits = partitionOf is null ? t["inherits"] as string[] : null;
            tables.Add(new TableModel(name, columns)
            {
                Schema = t.Get<bool>("here") ? null : schema, PrimaryKey = pk, Uniques = uniques, ForeignKeys = foreignKeys, Indexes = indexes, Checks = checks, Exclusions = exclusions.Count > 0 ? exclusions : null,
                PartitionBy = (string?)t["partition_by"], PartitionOf = partitionOf, PartitionBound = partitionOf is null ? null : (string?)t["partition_bound"],
                Inherits = inherits is { Length: > 0 } ? inherits : null, ChildrenInOtherSchemas = t["children_elsewhere"] as string[], Unlogged = t.Get<bool>("unlogged"), Comment = (string?)t["comment"],
                // sorted: ALTER TABLE ... SET appends, so the same settings are kept in another order after one
                StorageParameters = t["storage"] is string[] { Length: > 0 } storage ? [.. storage.Order(StringComparer.Ordinal)] : null,
                ReplicaIdentity = (string?)t["replica_identity"] switch { "f" => "full", "n" => "nothing", _ => null },
                ClusterOn = (string?)t["cluster_on"],
                OfType = (string?)t["of_type"],
            });
        }
        var views = new List<ViewModel>();
        foreach (var v in await db.QueryAsync(ViewsSql, cancellationToken: ct).ConfigureAwait(false))
        {
            var materialized = v.Get<bool>("materialized");
            var options = ((string?)v["options"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
            var indexes = materialized
                ? (await db.QueryAsync(IndexesSql, new { oid = v.Get<long>("oid") }, ct).ConfigureAwait(false)).GroupBy(i => (string)i["name"]!).Select(ReadIndex).ToList()
                : [];
            views.Add(new ViewModel((string)v["name"]!, (string)v["definition"]!)
            {
                Engine = db.Engine, Schema = (string?)v["schema"], Materialized = materialized, WithNoData = materialized && !v.Get<bool>("populated"),
                // pg_get_viewdef leaves out the options kept in reloptions: check_option=cascaded, security_barrier=true, security_invoker=on
                CheckOption = ViewOption(options, "check_option"), SecurityBarrier = IsOn(ViewOption(options, "security_barrier")),
                SecurityInvoker = IsOn(ViewOption(options, "security_invoker")),
                Indexes = indexes.Count > 0 ? indexes : null,
                Comment = (string?)v["comment"],
                ColumnDefaults = ByColumn(v["column_defaults"]), ColumnComments = ByColumn(v["column_comments"]),
            });
        }
        static IReadOnlyDictionary<string, string>? ByColumn(object? json) => json is string text
            ? System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(text) is { Count: > 0 } settings
                ? settings.OrderBy(x => x.Key, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal) : null
            : null;
        var enums = (await db.QueryAsync(EnumsSql, cancellationToken: ct).ConfigureAwait(false))
            .GroupBy(r => (Name: (string)r["name"]!, Schema: (string?)r["schema"]))
            .Select(g => new EnumTypeModel(g.Key.Name, [.. g.Select(r => (string)r["label"]!)]) { Schema = g.Key.Schema }).ToList();
        var extensions = (await db.QueryAsync(ExtensionsSql, cancellationToken: ct).ConfigureAwait(false))
            .GroupBy(r => (string)r["extension"]!).Select(g => new ExtensionModel(g.Key, [.. g.Select(r => r["type"] as string).OfType<string>()])).ToList();
        var leftOut = await db.QueryAsync<string>(LeftOutSql, cancellationToken: ct).ConfigureAwait(false);
        var leftOutDefinitions = (await db.QueryAsync(LeftOutDefinitionsSql, cancellationToken: ct).ConfigureAwait(false))
            .GroupBy(r => (string)r["entry"]!).ToDictionary(g => g.Key, g => string.Join("\n", g.Select(r => (string?)r["definition"] ?? "")), StringComparer.Ordinal);
        var domains = new List<DomainModel>();
        var domainRows = await db.QueryAsync(DomainsSql, cancellationToken: ct).ConfigureAwait(false);
        tables = WithDomainBaseTypes(tables, domainRows);
        foreach (var d in domainRows)
        {
            var checks = (await db.QueryAsync(DomainChecksSql, new { oid = d.Get<long>("oid") }, ct).ConfigureAwait(false))
                .Select(k => new CheckModel((string)k["name"]!, CheckExpression((string)k["def"]!)) { NotValid = k.Get<bool>("not_valid") }).ToList();
            domains.Add(new DomainModel((string)d["name"]!, (string)d["base"]!)
            {
                Schema = (string?)d["schema"], NotNull = d.Get<bool>("not_null"), Default = (string?)d["def"], Collation = (string?)d["collation"], Checks = checks,
            });
        }
        var composites = (await db.QueryAsync(CompositesSql, cancellationToken: ct).ConfigureAwait(false))
            .GroupBy(r => (Name: (string)r["name"]!, Schema: (string?)r["schema"]))
            .Select(g => new CompositeTypeModel(g.Key.Name, [.. g.Select(r => new CompositeAttribute((string)r["attribute"]!, (string)r["type"]!) { Collation = (string?)r["collation"] })])
            {
                Schema = g.Key.Schema,
            })
            .ToList();
        var ranges = db.Engine != NexuSqlEngine.PostgreSql ? [] : (await db.QueryAsync(RangesSql, cancellationToken: ct).ConfigureAwait(false)).Select(r =>
        {
            var name = (string)r["name"]!;
            var multirange = (string?)r["multirange"];
            return new RangeTypeModel(name, (string)r["subtype"]!)
            {
                Schema = (string?)r["schema"], SubtypeOpClass = (string?)r["opclass"], Collation = (string?)r["collation"], Canonical = (string?)r["canonical"],
                SubtypeDiff = (string?)r["subdiff"], MultirangeTypeName = multirange == RangeTypeModel.DefaultMultirangeName(name) ? null : multirange,
            };
        }).ToList();
        var collations = (await db.QueryAsync(CollationsSql, cancellationToken: ct).ConfigureAwait(false)).Select(r =>
        {
            var (lcCollate, lcCtype, locale) = ((string?)r["lc_collate"], (string?)r["lc_ctype"], (string?)r["locale"]);
            // libc keeps its locale in collcollate and collctype: one locale when they agree
            if (locale is null && lcCollate == lcCtype) (locale, lcCollate, lcCtype) = (lcCollate, null, null);
            return new CollationModel((string)r["name"]!, (string)r["provider"]!)
            {
                Locale = locale, LcCollate = locale is null ? lcCollate : null, LcCtype = locale is null ? lcCtype : null,
                Deterministic = r.Get<bool>("deterministic"), Rules = (string?)r["rules"],
            };
        }).ToList();
        // the default collation where it is not byte order (en_US.UTF-8, an ICU locale): text the columns compare by
        // their default then sorts otherwise than on other engines (break test 34 F10); byte order is every engine's
        var defaultCollation = db.Engine != NexuSqlEngine.PostgreSql ? null : await db.ExecuteScalarAsync<string>(DefaultCollationSql, cancellationToken: ct).ConfigureAwait(false);
        return new SchemaModel(tables)
        {
            DefaultCollation = defaultCollation is { } dc && !db.Dialect.CollationComparesBytes(dc) ? dc : null,
            Composites = composites.Count > 0 ? composites : null, Ranges = ranges.Count > 0 ? ranges : null, Collations = collations.Count > 0 ? collations : null, Engine = db.Engine,
            CurrentSchema = await db.ExecuteScalarAsync<string>("SELECT current_schema()", cancellationToken: ct).ConfigureAwait(false),
            Views = views, Sequences = Standalone(sequences, tables), Enums = enums.Count > 0 ? enums : null, Extensions = extensions.Count > 0 ? extensions : null, Domains = domains.Count > 0 ? domains : null, LeftOut = [.. leftOut], LeftOutDefinitions = leftOutDefinitions.Count > 0 ? leftOutDefinitions : null,
        }.Canonical();
    }

    /// <summary>
    /// Columns of a domain take the portable type of the domain's base type, followed through domains over domains
    /// (information_schema names the domain a domain is over, not its base type: a native type of that name otherwise).
    /// </summary>
    private static List<TableModel> WithDomainBaseTypes(List<TableModel> tables, IReadOnlyList<Row> domains)
    {
        // by the name a column declares: posint, or app.posint for one of another schema
        var byName = domains.ToDictionary(d => SchemaModel.Qualify((string?)d["schema"], (string)d["name"]!), StringComparer.Ordinal);
        ColumnType? BaseOf(string name)
        {
            for (var seen = 0; byName.TryGetValue(name, out var d) && seen <= byName.Count; seen++)
            {
                if (d.Get<bool>("over_domain")) { name = ((string)d["base"]!).Trim('"'); continue; }
                return d["udt_name"] is string udt
                    ? MapType(udt, (string)d["data_type"]!, d.Get<int?>("character_maximum_length"), d.Get<int?>("numeric_precision"), d.Get<int?>("numeric_scale"),
                        d.Get<int?>("datetime_precision"), (string)d["base"]!) is var type && d["udt_elsewhere"] is string elsewhere && type.Kind == PortableType.Native
                        ? type with { Native = elsewhere + "." + type.Native } : type
                    : null;
            }
            return null;
        }
        return [.. tables.Select(t => t with
        {
            Columns = [.. t.Columns.Select(c => c.EngineType is { Engine: NexuSqlEngine.PostgreSql } e && byName.ContainsKey(e.Type.Trim('"')) && BaseOf(e.Type.Trim('"')) is { } type
                ? c with { Type = type } : c)],
        })];
    }

    /// <summary>One index from its rows of <see cref="IndexesSql"/> (one per key part, then per included column).</summary>
    internal static IndexModel ReadIndex(IGrouping<string, Row> rows)
    {
        var first = rows.First();
        var keyCount = first.Get<int>("key_count");
        var method = (string)first["method"]!;
        var columns = new List<IndexColumn>();
        var include = new List<string>();
        foreach (var r in rows)
        {
            if (r.Get<long>("ord") > keyCount) { include.Add((string)r["col"]!); continue; }
            var option = r.Get<int>("opt");
            var (descending, nullsFirst) = ((option & 1) == 1, (option & 2) == 2);
            var name = (string?)r["col"];
            columns.Add(new IndexColumn(name, descending)
            {
                Expression = name is null ? IndexText.Unwrap((string)r["expr"]!) : null,
                OperatorClass = (string?)r["opclass"],
                Collation = (string?)r["collation"],
                // NULLS FIRST is the default for DESC, NULLS LAST for ASC (only B-trees order)
                Nulls = method != "btree" || descending == nullsFirst ? null : nullsFirst ? "first" : "last",
            });
        }
        return new IndexModel(rows.Key, columns, first.Get<bool>("is_unique"))
        {
            Where = (string?)first["predicate"],
            Include = include.Count > 0 ? include : null,
            Method = method == "btree" ? null : method,
            NullsNotDistinct = first.Get<bool>("nulls_not_distinct"),
            Inherited = first.Get<bool>("inherited"),
            StorageParameters = first["storage"] is string[] { Length: > 0 } storage ? storage : null,
            Comment = (string?)first["comment"],
        };
    }

    /// <summary>"CHECK ((qty >= 0))" → "(qty >= 0)"; the options PostgreSQL prints after it (NO INHERIT, NOT VALID) are read from pg_constraint.</summary>
    private static string CheckExpression(string definition)
    {
        var d = definition.Trim();
        if (d.EndsWith(" NOT VALID", StringComparison.Ordinal)) d = d[..^10];
        if (d.EndsWith(" NO INHERIT", StringComparison.Ordinal)) d = d[..^11];
        return d.StartsWith("CHECK (", StringComparison.Ordinal) && d.EndsWith(')') ? d[7..^1] : d;
    }

    private static string Action(char code) => code switch
    {
        'c' => "CASCADE",
        'n' => "SET NULL",
        'd' => "SET DEFAULT",
        'r' => "RESTRICT",
        _ => "NO ACTION",
    };

    /// <summary>
    /// format_type() of the column, when the portable type written back would be declared otherwise (<c>character varying</c>
    /// without a length is text, written <c>text</c>; <c>character varying(10)[]</c> is <c>varchar[]</c>): same-engine copy
    /// and restore declare the column exactly so. Null when the spellings agree.
    /// </summary>
    internal static EngineColumnType? EngineTypeOf(ColumnType type, string? formatted)
    {
        if (formatted is null) return null;
        string Digits() => type.Precision is { } p ? $"({p.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : "";
        var written = type.Kind switch
        {
            PortableType.Boolean => "boolean",
            PortableType.Int16 => "smallint",
            PortableType.Int32 => "integer",
            PortableType.Int64 => "bigint",
            PortableType.Decimal => $"numeric({type.Precision},{type.Scale})",
            PortableType.Float32 => "real",
            PortableType.Float64 => "double precision",
            PortableType.String => type.Fixed ? $"character({type.Length})" : $"character varying({type.Length})",
            PortableType.Text => "text",
            PortableType.Binary => "bytea",
            PortableType.Uuid => "uuid",
            PortableType.Date => "date",
            PortableType.Time => $"time{Digits()} without time zone",
            PortableType.Timestamp => $"timestamp{Digits()} without time zone",
            PortableType.TimestampTz => $"timestamp{Digits()} with time zone",
            PortableType.Json => "jsonb",
            _ => type.Native,
        };
        return string.Equals(written, formatted, StringComparison.OrdinalIgnoreCase) ? null : new EngineColumnType(NexuSqlEngine.PostgreSql, formatted);
    }

    /// <summary>information_schema.columns type facts as a portable type (CockroachDB reports the same udt names).</summary>
    /// <param name="udt">information_schema udt_name.</param>
    /// <param name="dataType">information_schema data_type.</param>
    /// <param name="maxLength">Length of a character type.</param>
    /// <param name="precision">Digits of a numeric.</param>
    /// <param name="scale">Scale of a numeric.</param>
    /// <param name="fractionalDigits">datetime_precision of a time or timestamp (6, the default, is left out).</param>
    /// <param name="formatted">format_type() of the column: the native spelling with its modifiers (bit(8), interval day).</param>
    internal static ColumnType MapType(string udt, string dataType, int? maxLength, int? precision, int? scale, int? fractionalDigits = null, string? formatted = null) => udt switch
    {
        "bool" => new ColumnType(PortableType.Boolean),
        "int2" => new ColumnType(PortableType.Int16),
        "int4" => new ColumnType(PortableType.Int32),
        "int8" => new ColumnType(PortableType.Int64),
        // PostgreSQL 15 allows a scale below 0 or above the precision (numeric(5,-2), numeric(3,5)), which no portable
        // decimal(p,s) holds (information_schema even reads -2 as 2046): those stay the engine's own type
        "numeric" when precision is not null && scale is null or >= 0 && scale <= precision => new ColumnType(PortableType.Decimal, Precision: precision, Scale: scale ?? 0),
        "float4" => new ColumnType(PortableType.Float32),
        "float8" => new ColumnType(PortableType.Float64),
        "bpchar" when maxLength is not null => new ColumnType(PortableType.String, Length: maxLength, Fixed: true),
        "varchar" when maxLength is not null => new ColumnType(PortableType.String, Length: maxLength),
        "varchar" or "text" => new ColumnType(PortableType.Text),
        "bytea" => new ColumnType(PortableType.Binary),
        "uuid" => new ColumnType(PortableType.Uuid),
        "date" => new ColumnType(PortableType.Date),
        "time" => new ColumnType(PortableType.Time, Precision: fractionalDigits is 6 ? null : fractionalDigits),
        "timestamp" => new ColumnType(PortableType.Timestamp, Precision: fractionalDigits is 6 ? null : fractionalDigits),
        "timestamptz" => new ColumnType(PortableType.TimestampTz, Precision: fractionalDigits is 6 ? null : fractionalDigits),
        "jsonb" => new ColumnType(PortableType.Json),
        // json keeps its text as written (key order, duplicates): a type of its own, translated to json across engines
        "json" => new ColumnType(PortableType.Native, Native: "json"),
        _ when dataType == "ARRAY" => new ColumnType(PortableType.Native, Native: udt.TrimStart('_') + "[]"),
        _ when dataType == "USER-DEFINED" => new ColumnType(PortableType.Native, Native: udt),
        _ => new ColumnType(PortableType.Native, Native: formatted ?? dataType),
    };

    /// <summary>
    /// Sequences that are not <c>table_column_seq</c> behind an identity or serial column. The catalog query already
    /// leaves those out through pg_depend; CockroachDB's pg_depend does not record them, so the name is checked too.
    /// </summary>
    internal static IReadOnlyList<SequenceModel> Standalone(IEnumerable<SequenceModel> sequences, IEnumerable<TableModel> tables)
    {
        var owned = tables.SelectMany(t => t.Columns.Where(c => c.Identity).Select(c => SchemaModel.Qualify(t.Schema, $"{t.Name}_{c.Name}_seq"))).ToHashSet(StringComparer.Ordinal);
        return [.. sequences.Where(q => !owned.Contains(q.QualifiedName))];
    }

    /// <summary>
    /// "min max cycle cache step type" of a sequence (pg_sequence) as the options that are not PostgreSQL's defaults:
    /// MINVALUE 1 and MAXVALUE the type's largest counting up, the type's smallest and -1 counting down, NO CYCLE, CACHE 1.
    /// A standalone sequence is compared with a bigint one's defaults (<paramref name="ofBigint"/>: the model has no
    /// sequence type, so <c>AS integer</c>'s MAXVALUE 2147483647 is kept as a bound); an identity's with its column's type.
    /// </summary>
    internal static (long? Min, long? Max, bool Cycle, long? Cache) Bounds(string? text, bool ofBigint)
    {
        if (text?.Split(' ', 6) is not [var minText, var maxText, var cycleText, var cacheText, var stepText, var typeName]) return default;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var (typeMin, typeMax) = (ofBigint ? "bigint" : typeName) switch
        {
            "smallint" => ((long)short.MinValue, (long)short.MaxValue),
            "integer" => (int.MinValue, int.MaxValue),
            _ => (long.MinValue, long.MaxValue),
        };
        var up = long.Parse(stepText, inv) > 0;
        var (min, max, cache) = (long.Parse(minText, inv), long.Parse(maxText, inv), long.Parse(cacheText, inv));
        return (min == (up ? 1 : typeMin) ? null : min, max == (up ? typeMax : -1) ? null : max, cycleText is "true" or "t", cache == 1 ? null : cache);
    }

    private static IdentityOptions? WithBounds(IdentityOptions? options, (long? Min, long? Max, bool Cycle, long? Cache) bounds) =>
        bounds == default ? options
            : ((options ?? new IdentityOptions()) with { MinValue = bounds.Min, MaxValue = bounds.Max, Cycle = bounds.Cycle, Cache = bounds.Cache }).OrNull();

    /// <summary>information_schema's identity facts as options (null when they are the defaults: BY DEFAULT, start 1, step 1).</summary>
    internal static IdentityOptions? IdentityOptionsOf(string? generation, string? start, string? increment) => new IdentityOptions(
        string.Equals(generation, "ALWAYS", StringComparison.OrdinalIgnoreCase),
        long.TryParse(start, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 1,
        long.TryParse(increment, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : 1).OrNull();

    /// <summary>
    /// A column whose default is nextval() of a sequence it owns (<c>serial</c>, <c>smallserial</c>, <c>bigserial</c>, or the
    /// same made by hand): declared <c>postgresql:serial</c> (and so on) when the sequence starts at 1 and counts by 1, so
    /// that PostgreSQL → PostgreSQL recreates a serial column (its own sequence, a nextval default), not an identity.
    /// A sequence with another start or step reads as an identity with those options (serial cannot say them).
    /// </summary>
    /// <param name="type">The column's portable type.</param>
    /// <param name="sequence">"start step" of the sequence the column owns, or null (nextval of a sequence it does not own).</param>
    /// <param name="bounds">The sequence's bounds, cycling and cache that are not the defaults (<see cref="Bounds"/>): a serial cannot say them either.</param>
    internal static (EngineColumnType? Declared, IdentityOptions? Options)? SerialOf(ColumnType type, string? sequence,
        (long? Min, long? Max, bool Cycle, long? Cache) bounds = default)
    {
        if (sequence?.Split(' ') is not [var start, var step]) return null;
        if (bounds != default) return (null, WithBounds(IdentityOptionsOf("BY DEFAULT", start, step), bounds));
        var keyword = type.Kind switch
        {
            PortableType.Int16 => "smallserial",
            PortableType.Int32 => "serial",
            PortableType.Int64 => "bigserial",
            _ => null,
        };
        return keyword is not null && start == "1" && step == "1"
            ? (new EngineColumnType(NexuSqlEngine.PostgreSql, keyword), null)
            : (null, IdentityOptionsOf("BY DEFAULT", start, step));
    }

    /// <summary>A serial column (nextval of its sequence) or CockroachDB's unique_rowid() is an identity column.</summary>
    internal static bool Generated(string? defaultValue) =>
        defaultValue is not null && (defaultValue.StartsWith("nextval(", StringComparison.Ordinal) || defaultValue == "unique_rowid()");

    /// <summary>The default in portable spelling ('-1'::integer → -1, NULL::character varying → none, 'abc'::text → 'abc').</summary>
    internal static string? MapDefault(string? value, ColumnType type) => value is null || Generated(value) ? null : ColumnDefault.Normalize(value, type);

    // the value of one option of pg_class.reloptions ("name=value"), null when it is not set
    private static string? ViewOption(string[] options, string name) =>
        options.Select(o => o.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && string.Equals(p[0], name, StringComparison.OrdinalIgnoreCase)) is { } found ? found[1].ToLowerInvariant() : null;

    // PostgreSQL's boolean spellings of a reloption (true, on, yes, 1 and their prefixes are accepted; reloptions keep what was written)
    private static bool IsOn(string? value) => value is "true" or "on" or "yes" or "1" or "t" or "y";
}
