using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddWallet : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines");

            migrationBuilder.AddColumn<Guid>(
                name: "package_version_id",
                table: "invoice_lines",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "packages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_packages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wallet_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    lot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    sessions = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_line_id = table.Column<Guid>(type: "uuid", nullable: true),
                    ledger_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    return_of_id = table.Column<Guid>(type: "uuid", nullable: true),
                    clinic_day = table.Column<DateOnly>(type: "date", nullable: false),
                    by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wallet_entries", x => x.id);
                    table.CheckConstraint("ck_wallet_entries_amounts", "sessions >= 1 AND amount >= 0 AND amount <= 1000000");
                    table.CheckConstraint("ck_wallet_entries_expiry", "(kind = 'Issued') = (expires_on IS NOT NULL)");
                    table.CheckConstraint("ck_wallet_entries_redeemed", "kind NOT IN ('Redeemed', 'Returned') OR (invoice_line_id IS NOT NULL AND ledger_entry_id IS NOT NULL)");
                    table.CheckConstraint("ck_wallet_entries_return_of", "(kind = 'Returned') = (return_of_id IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_wallet_entries_invoice_lines_invoice_line_id",
                        column: x => x.invoice_line_id,
                        principalTable: "invoice_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_wallet_entries_invoice_lines_lot_id",
                        column: x => x.lot_id,
                        principalTable: "invoice_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_wallet_entries_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_wallet_entries_ledger_entries_ledger_entry_id",
                        column: x => x.ledger_entry_id,
                        principalTable: "ledger_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_wallet_entries_users_by_user_id",
                        column: x => x.by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_wallet_entries_wallet_entries_return_of_id",
                        column: x => x.return_of_id,
                        principalTable: "wallet_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "package_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    package_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    service_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    sessions = table.Column<int>(type: "integer", nullable: false),
                    price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    validity_months = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_package_versions", x => x.id);
                    table.CheckConstraint("ck_package_versions_terms", "number >= 1 AND sessions BETWEEN 1 AND 50 AND price > 0 AND validity_months BETWEEN 1 AND 120 AND cardinality(service_ids) >= 1");
                    table.ForeignKey(
                        name: "fk_package_versions_packages_package_id",
                        column: x => x.package_id,
                        principalTable: "packages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_package_versions_users_created_by",
                        column: x => x.created_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_invoice_lines_package_version_id",
                table: "invoice_lines",
                column: "package_version_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoice_lines_package",
                table: "invoice_lines",
                sql: "(kind = 'Package') = (package_version_id IS NOT NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines",
                sql: "(kind IN ('Tip', 'Fee', 'Package')) = (tax_kind IS NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_package_versions_created_by",
                table: "package_versions",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "ix_package_versions_package_id_number",
                table: "package_versions",
                columns: new[] { "package_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wallet_entries_by_user_id",
                table: "wallet_entries",
                column: "by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_wallet_entries_invoice_id",
                table: "wallet_entries",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_wallet_entries_invoice_line_id",
                table: "wallet_entries",
                column: "invoice_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_wallet_entries_ledger_entry_id",
                table: "wallet_entries",
                column: "ledger_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_wallet_entries_lot_id",
                table: "wallet_entries",
                column: "lot_id");

            migrationBuilder.CreateIndex(
                name: "ix_wallet_entries_lot_id1",
                table: "wallet_entries",
                column: "lot_id",
                unique: true,
                filter: "kind = 'Issued'");

            migrationBuilder.CreateIndex(
                name: "ix_wallet_entries_return_of_id",
                table: "wallet_entries",
                column: "return_of_id",
                unique: true,
                filter: "return_of_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_wallet_entries_sequence",
                table: "wallet_entries",
                column: "sequence",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_invoice_lines_package_versions_package_version_id",
                table: "invoice_lines",
                column: "package_version_id",
                principalTable: "package_versions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // The wallet is insert-only as the ledger is (decisions 032, 047): the ledger's trigger refuses updates and deletes
            // to everyone, and nobody but the owner's reset may truncate it; DatabaseRoles repeats the app role's grants.
            // A package's versions are insert-only for the app's role (a change is a new version).
            migrationBuilder.Sql("""
                CREATE TRIGGER wallet_entries_insert_only BEFORE UPDATE OR DELETE ON wallet_entries
                  FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
                REVOKE UPDATE, DELETE, TRUNCATE ON wallet_entries, package_versions FROM PUBLIC;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER wallet_entries_insert_only ON wallet_entries;");

            migrationBuilder.DropForeignKey(
                name: "fk_invoice_lines_package_versions_package_version_id",
                table: "invoice_lines");

            migrationBuilder.DropTable(
                name: "package_versions");

            migrationBuilder.DropTable(
                name: "wallet_entries");

            migrationBuilder.DropTable(
                name: "packages");

            migrationBuilder.DropIndex(
                name: "ix_invoice_lines_package_version_id",
                table: "invoice_lines");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoice_lines_package",
                table: "invoice_lines");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines");

            migrationBuilder.DropColumn(
                name: "package_version_id",
                table: "invoice_lines");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines",
                sql: "(kind IN ('Tip', 'Fee')) = (tax_kind IS NULL)");
        }
    }
}
