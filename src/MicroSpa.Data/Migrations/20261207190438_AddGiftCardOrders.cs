using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddGiftCardOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameIndex(
                name: "ix_gift_card_entries_gift_card_id1",
                table: "gift_card_entries",
                newName: "ix_gift_card_entries_gift_card_id2");

            migrationBuilder.AddColumn<decimal>(
                name: "gift_card_max_value",
                table: "billing_settings",
                type: "numeric(10,2)",
                precision: 10,
                scale: 2,
                nullable: false,
                defaultValue: 5000m);

            migrationBuilder.AddColumn<decimal>(
                name: "gift_card_min_value",
                table: "billing_settings",
                type: "numeric(10,2)",
                precision: 10,
                scale: 2,
                nullable: false,
                defaultValue: 5m);

            migrationBuilder.CreateTable(
                name: "gift_card_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    buyer_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    buyer_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    recipient_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recipient_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    message = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    send_on = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    checkout_session_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    gift_card_id = table.Column<Guid>(type: "uuid", nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sealed_code = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gift_card_orders", x => x.id);
                    table.CheckConstraint("ck_gift_card_orders_amount", "amount > 0");
                    table.CheckConstraint("ck_gift_card_orders_sealed", "sealed_code IS NULL OR (gift_card_id IS NOT NULL AND sent_at IS NULL)");
                    table.ForeignKey(
                        name: "fk_gift_card_orders_gift_cards_gift_card_id",
                        column: x => x.gift_card_id,
                        principalTable: "gift_cards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_gift_card_orders_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_gift_card_entries_gift_card_id1",
                table: "gift_card_entries",
                column: "gift_card_id",
                unique: true,
                filter: "kind = 'Expired'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_billing_settings_gift_card_values",
                table: "billing_settings",
                sql: "gift_card_min_value >= 1 AND gift_card_max_value >= gift_card_min_value AND gift_card_max_value <= 50000");

            migrationBuilder.CreateIndex(
                name: "ix_gift_card_orders_checkout_session_id",
                table: "gift_card_orders",
                column: "checkout_session_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_gift_card_orders_gift_card_id",
                table: "gift_card_orders",
                column: "gift_card_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_gift_card_orders_invoice_id",
                table: "gift_card_orders",
                column: "invoice_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_gift_card_orders_recipient_email",
                table: "gift_card_orders",
                column: "recipient_email");

            migrationBuilder.CreateIndex(
                name: "ix_gift_card_orders_send_on",
                table: "gift_card_orders",
                column: "send_on",
                filter: "sealed_code IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gift_card_orders");

            migrationBuilder.DropIndex(
                name: "ix_gift_card_entries_gift_card_id1",
                table: "gift_card_entries");

            migrationBuilder.DropCheckConstraint(
                name: "ck_billing_settings_gift_card_values",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "gift_card_max_value",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "gift_card_min_value",
                table: "billing_settings");

            migrationBuilder.RenameIndex(
                name: "ix_gift_card_entries_gift_card_id2",
                table: "gift_card_entries",
                newName: "ix_gift_card_entries_gift_card_id1");
        }
    }
}
