using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProtectAuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries",
                column: "at");

            // The audit trail is insert-only, enforced by PostgreSQL, not only by the app's code: the role
            // that runs the app loses UPDATE, DELETE and TRUNCATE on it, and a trigger refuses any update
            // or delete even from a role that is granted them again.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE EXCEPTION 'The audit trail is insert-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                CREATE TRIGGER audit_entries_insert_only BEFORE UPDATE OR DELETE ON audit_entries
                  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
                REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM PUBLIC;
                REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM CURRENT_USER;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                GRANT UPDATE, DELETE, TRUNCATE ON audit_entries TO CURRENT_USER;
                DROP TRIGGER audit_entries_insert_only ON audit_entries;
                DROP FUNCTION refuse_audit_change();
                """);

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries");
        }
    }
}
