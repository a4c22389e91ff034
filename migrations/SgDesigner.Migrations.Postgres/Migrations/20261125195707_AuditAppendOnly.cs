using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SgDesigner.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit trail is append-only in the database too (the store never updates or deletes it):
            // UPDATE, DELETE and TRUNCATE raise restrict_violation (SQLSTATE 23001).
            migrationBuilder.Sql("""
                CREATE FUNCTION sgd_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the audit trail is append-only: % of AuditEntries is refused', TG_OP
                        USING ERRCODE = 'restrict_violation';
                END
                $$;
                CREATE TRIGGER "TR_AuditEntries_AppendOnly" BEFORE UPDATE OR DELETE ON "AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION sgd_refuse_audit_change();
                CREATE TRIGGER "TR_AuditEntries_AppendOnly_Truncate" BEFORE TRUNCATE ON "AuditEntries"
                    FOR EACH STATEMENT EXECUTE FUNCTION sgd_refuse_audit_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "TR_AuditEntries_AppendOnly_Truncate" ON "AuditEntries";
                DROP TRIGGER IF EXISTS "TR_AuditEntries_AppendOnly" ON "AuditEntries";
                DROP FUNCTION IF EXISTS sgd_refuse_audit_change();
                """);
        }
    }
}
