using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddGiftCards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines");

            migrationBuilder.AddColumn<int>(
                name: "gift_card_expiry_months",
                table: "billing_settings",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "gift_cards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sale_line_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sale_invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    last_four = table.Column<string>(type: "character(4)", fixedLength: true, maxLength: 4, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    issued_by = table.Column<Guid>(type: "uuid", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gift_cards", x => x.id);
                    table.CheckConstraint("ck_gift_cards_expiry", "expires_on IS NULL OR expires_on > issued_on");
                    table.ForeignKey(
                        name: "fk_gift_cards_invoice_lines_sale_line_id",
                        column: x => x.sale_line_id,
                        principalTable: "invoice_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_gift_cards_invoices_sale_invoice_id",
                        column: x => x.sale_invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_gift_cards_users_issued_by",
                        column: x => x.issued_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "gift_card_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    gift_card_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ledger_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    return_of_id = table.Column<Guid>(type: "uuid", nullable: true),
                    clinic_day = table.Column<DateOnly>(type: "date", nullable: false),
                    by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gift_card_entries", x => x.id);
                    table.CheckConstraint("ck_gift_card_entries_amount", "amount > 0 AND amount <= 1000000");
                    table.CheckConstraint("ck_gift_card_entries_redeemed", "kind <> 'Redeemed' OR ledger_entry_id IS NOT NULL");
                    table.CheckConstraint("ck_gift_card_entries_return_of", "(kind = 'Returned') = (return_of_id IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_gift_card_entries_gift_card_entries_return_of_id",
                        column: x => x.return_of_id,
                        principalTable: "gift_card_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_gift_card_entries_gift_cards_gift_card_id",
                        column: x => x.gift_card_id,
                        principalTable: "gift_cards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_gift_card_entries_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_gift_card_entries_ledger_entries_ledger_entry_id",
                        column: x => x.ledger_entry_id,
                        principalTable: "ledger_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_gift_card_entries_users_by_user_id",
                        column: x => x.by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.UpdateData(
                table: "billing_settings",
                keyColumn: "id",
                keyValue: 1,
                column: "gift_card_expiry_months",
                value: null);

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines",
                sql: "(kind IN ('Tip', 'Fee', 'Package', 'GiftCard')) = (tax_kind IS NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_billing_settings_gift_card_expiry",
                table: "billing_settings",
                sql: "gift_card_expiry_months IS NULL OR gift_card_expiry_months BETWEEN 1 AND 240");

            migrationBuilder.CreateIndex(
                name: "ix_gift_card_entries_by_user_id",
                table: "gift_card_entries",
                column: "by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_gift_card_entries_gift_card_id",
                table: "gift_card_entries",
                column: "gift_card_id");

            migrationBuilder.CreateIndex(
                name: "ix_gift_card_entries_gift_card_id1",
                table: "gift_card_entries",
                column: "gift_card_id",
                unique: true,
                filter: "kind = 'Issued'");

            migrationBuilder.CreateIndex(
                name: "ix_gift_card_entries_invoice_id",
                table: "gift_card_entries",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_gift_card_entries_ledger_entry_id",
                table: "gift_card_entries",
                column: "ledger_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_gift_card_entries_return_of_id",
                table: "gift_card_entries",
                column: "return_of_id");

            migrationBuilder.CreateIndex(
                name: "ix_gift_card_entries_sequence",
                table: "gift_card_entries",
                column: "sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_gift_cards_code_hash",
                table: "gift_cards",
                column: "code_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_gift_cards_issued_by",
                table: "gift_cards",
                column: "issued_by");

            migrationBuilder.CreateIndex(
                name: "ix_gift_cards_sale_invoice_id",
                table: "gift_cards",
                column: "sale_invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_gift_cards_sale_line_id",
                table: "gift_cards",
                column: "sale_line_id",
                unique: true);

            // Gift cards are insert-only as the ledger is (decisions 032, 048): the ledger's trigger refuses updates and deletes to
            // everyone; DatabaseRoles repeats the app role's grants.
            migrationBuilder.Sql("""
                CREATE TRIGGER gift_cards_insert_only BEFORE UPDATE OR DELETE ON gift_cards
                  FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
                CREATE TRIGGER gift_card_entries_insert_only BEFORE UPDATE OR DELETE ON gift_card_entries
                  FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
                REVOKE UPDATE, DELETE, TRUNCATE ON gift_cards, gift_card_entries FROM PUBLIC;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER gift_card_entries_insert_only ON gift_card_entries; DROP TRIGGER gift_cards_insert_only ON gift_cards;");

            migrationBuilder.DropTable(
                name: "gift_card_entries");

            migrationBuilder.DropTable(
                name: "gift_cards");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines");

            migrationBuilder.DropCheckConstraint(
                name: "ck_billing_settings_gift_card_expiry",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "gift_card_expiry_months",
                table: "billing_settings");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines",
                sql: "(kind IN ('Tip', 'Fee', 'Package')) = (tax_kind IS NULL)");
        }
    }
}
