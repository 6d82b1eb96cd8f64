using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <summary>
    /// Client search looks for names that start with the term first (ClientSearch): these two expression
    /// indexes let PostgreSQL walk from the term in name order and stop at the 20 shown, however common the
    /// name. Byte order ("C") so a LIKE 'term%' prefix is an index range under any database collation.
    /// Expression indexes are not part of the EF model, hence SQL. ANALYZE gives the planner the statistics of
    /// the new expressions at once (without them it keeps sorting every match until autovacuum comes by).
    /// </summary>
    public partial class IndexClientNamesForPrefixSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_clients_last_name_prefix ON clients ((lower(last_name) COLLATE "C"), (lower(first_name) COLLATE "C"));
                CREATE INDEX ix_clients_first_name_prefix ON clients ((lower(first_name) COLLATE "C"), (lower(last_name) COLLATE "C"));
                ANALYZE clients;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_clients_first_name_prefix; DROP INDEX IF EXISTS ix_clients_last_name_prefix;");
        }
    }
}
