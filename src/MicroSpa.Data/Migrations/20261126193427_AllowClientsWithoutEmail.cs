using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AllowClientsWithoutEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "email",
                table: "clients",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(254)",
                oldMaxLength: 254);

            // A generated column's expression cannot be altered in place: drop it (and its index) and add it again.
            migrationBuilder.Sql("""
                DROP INDEX ix_clients_search_text;
                ALTER TABLE clients DROP COLUMN search_text;
                ALTER TABLE clients ADD COLUMN search_text text
                    GENERATED ALWAYS AS (lower(first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))) STORED;
                CREATE INDEX ix_clients_search_text ON clients USING gin (search_text gin_trgm_ops);
                """);

            migrationBuilder.CreateIndex(
                name: "ix_clients_created_at",
                table: "clients",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_clients_created_at",
                table: "clients");

            migrationBuilder.AlterColumn<string>(
                name: "email",
                table: "clients",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(254)",
                oldMaxLength: 254,
                oldNullable: true);

            migrationBuilder.Sql("""
                DROP INDEX ix_clients_search_text;
                ALTER TABLE clients DROP COLUMN search_text;
                ALTER TABLE clients ADD COLUMN search_text text
                    GENERATED ALWAYS AS (lower(first_name || ' ' || last_name || ' ' || email || ' ' || coalesce(phone, ''))) STORED;
                CREATE INDEX ix_clients_search_text ON clients USING gin (search_text gin_trgm_ops);
                """);
        }
    }
}
