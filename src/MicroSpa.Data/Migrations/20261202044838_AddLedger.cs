using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "price_at_booking",
                table: "appointments",
                type: "numeric(10,2)",
                precision: 10,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "billing_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    discount_limit_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_settings", x => x.id);
                    table.CheckConstraint("ck_billing_settings_discount_limit", "discount_limit_percent BETWEEN 0 AND 100");
                    table.CheckConstraint("ck_billing_settings_one_row", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "day_closes",
                columns: table => new
                {
                    clinic_day = table.Column<DateOnly>(type: "date", nullable: false),
                    expected_cash = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    counted_cash = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    closed_by = table.Column<Guid>(type: "uuid", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_day_closes", x => x.clinic_day);
                    table.CheckConstraint("ck_day_closes_counted", "counted_cash >= 0");
                    table.ForeignKey(
                        name: "fk_day_closes_users_closed_by",
                        column: x => x.closed_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "invoices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: true),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    opened_by = table.Column<Guid>(type: "uuid", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoices", x => x.id);
                    table.ForeignKey(
                        name: "fk_invoices_appointments_appointment_id",
                        column: x => x.appointment_id,
                        principalTable: "appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_invoices_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_invoices_users_opened_by",
                        column: x => x.opened_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tax_classes",
                columns: table => new
                {
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    rate_percent = table.Column<decimal>(type: "numeric(6,3)", precision: 6, scale: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_classes", x => x.kind);
                    table.CheckConstraint("ck_tax_classes_rate", "rate_percent BETWEEN 0 AND 30");
                });

            migrationBuilder.CreateTable(
                name: "retail_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    tax_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    low_stock_threshold = table.Column<int>(type: "integer", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_retail_items", x => x.id);
                    table.CheckConstraint("ck_retail_items_low_stock", "low_stock_threshold >= 0");
                    table.CheckConstraint("ck_retail_items_price", "price BETWEEN 0 AND 100000");
                    table.ForeignKey(
                        name: "fk_retail_items_tax_classes_tax_kind",
                        column: x => x.tax_kind,
                        principalTable: "tax_classes",
                        principalColumn: "kind",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "invoice_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    description = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    unit_price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: true),
                    service_id = table.Column<Guid>(type: "uuid", nullable: true),
                    retail_item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    tax_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    tax_rate_percent = table.Column<decimal>(type: "numeric(6,3)", precision: 6, scale: 3, nullable: false),
                    discount_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    discount_value = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    discount_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    discount_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_lines", x => x.id);
                    table.CheckConstraint("ck_invoice_lines_amounts", "unit_price >= 0 AND quantity BETWEEN 1 AND 100 AND discount_amount >= 0 AND discount_amount <= unit_price * quantity");
                    table.CheckConstraint("ck_invoice_lines_discount_reason", "(discount_kind IS NULL) = (discount_reason IS NULL)");
                    table.CheckConstraint("ck_invoice_lines_tip_untaxed", "(kind = 'Tip') = (tax_kind IS NULL)");
                    table.ForeignKey(
                        name: "fk_invoice_lines_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_invoice_lines_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_invoice_lines_retail_items_retail_item_id",
                        column: x => x.retail_item_id,
                        principalTable: "retail_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_invoice_lines_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stock_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    retail_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    quantity_change = table.Column<int>(type: "integer", nullable: false),
                    counted_quantity = table.Column<int>(type: "integer", nullable: true),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: true),
                    by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_entries", x => x.id);
                    table.CheckConstraint("ck_stock_entries_direction", "(kind IN ('Received', 'Returned') AND quantity_change > 0) OR (kind IN ('WrittenOff', 'Sold') AND quantity_change < 0) OR (kind = 'Counted' AND counted_quantity >= 0)");
                    table.CheckConstraint("ck_stock_entries_invoice", "(kind IN ('Sold', 'Returned')) = (invoice_id IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_stock_entries_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stock_entries_retail_items_retail_item_id",
                        column: x => x.retail_item_id,
                        principalTable: "retail_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stock_entries_users_by_user_id",
                        column: x => x.by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    tender = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    clinic_day = table.Column<DateOnly>(type: "date", nullable: false),
                    by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: true),
                    cash_tendered = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    change_given = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    card_brand = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    card_last_four = table.Column<string>(type: "character(4)", fixedLength: true, maxLength: 4, nullable: true),
                    approval_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    refund_of_id = table.Column<Guid>(type: "uuid", nullable: true),
                    invoice_line_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => x.id);
                    table.CheckConstraint("ck_ledger_entries_amount", "amount >= 0 AND amount <= 1000000");
                    table.CheckConstraint("ck_ledger_entries_card", "card_last_four IS NULL OR card_last_four ~ '^[0-9]{4}$'");
                    table.CheckConstraint("ck_ledger_entries_cash", "cash_tendered IS NULL OR (tender = 'Cash' AND cash_tendered >= amount AND change_given = cash_tendered - amount)");
                    table.CheckConstraint("ck_ledger_entries_refund_of", "(kind = 'Refund') = (refund_of_id IS NOT NULL)");
                    table.CheckConstraint("ck_ledger_entries_tender", "(kind IN ('Payment', 'Refund')) = (tender IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_ledger_entries_invoice_lines_invoice_line_id",
                        column: x => x.invoice_line_id,
                        principalTable: "invoice_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ledger_entries_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ledger_entries_ledger_entries_refund_of_id",
                        column: x => x.refund_of_id,
                        principalTable: "ledger_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ledger_entries_users_by_user_id",
                        column: x => x.by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "billing_settings",
                columns: new[] { "id", "discount_limit_percent" },
                values: new object[] { 1, 20m });

            migrationBuilder.InsertData(
                table: "tax_classes",
                columns: new[] { "kind", "name", "rate_percent" },
                values: new object[,]
                {
                    { "Retail", "Retail products", 0m },
                    { "Services", "Services", 0m }
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_appointments_price_at_booking",
                table: "appointments",
                sql: "price_at_booking >= 0");

            migrationBuilder.CreateIndex(
                name: "ix_day_closes_closed_by",
                table: "day_closes",
                column: "closed_by");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_lines_invoice_id",
                table: "invoice_lines",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_lines_provider_id",
                table: "invoice_lines",
                column: "provider_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_lines_retail_item_id",
                table: "invoice_lines",
                column: "retail_item_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_lines_service_id",
                table: "invoice_lines",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_appointment_id",
                table: "invoices",
                column: "appointment_id",
                unique: true,
                filter: "appointment_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_client_id",
                table: "invoices",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_number",
                table: "invoices",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_invoices_opened_by",
                table: "invoices",
                column: "opened_by");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_by_user_id",
                table: "ledger_entries",
                column: "by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_clinic_day_kind",
                table: "ledger_entries",
                columns: new[] { "clinic_day", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_invoice_id",
                table: "ledger_entries",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_invoice_line_id",
                table: "ledger_entries",
                column: "invoice_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_refund_of_id",
                table: "ledger_entries",
                column: "refund_of_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_sequence",
                table: "ledger_entries",
                column: "sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_submission_id",
                table: "ledger_entries",
                column: "submission_id",
                unique: true,
                filter: "submission_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_retail_items_sku",
                table: "retail_items",
                column: "sku",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_retail_items_tax_kind",
                table: "retail_items",
                column: "tax_kind");

            migrationBuilder.CreateIndex(
                name: "ix_stock_entries_by_user_id",
                table: "stock_entries",
                column: "by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_entries_invoice_id",
                table: "stock_entries",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_entries_retail_item_id_at",
                table: "stock_entries",
                columns: new[] { "retail_item_id", "at" });

            // Existing appointments were booked at the service's current price (the price at booking was not kept before).
            migrationBuilder.Sql("UPDATE appointments a SET price_at_booking = s.price FROM services s WHERE s.id = a.service_id;");

            // The ledger, the stock entries and the day closes are insert-only, enforced by PostgreSQL (decision 032),
            // as the audit trail is (decision 014): no UPDATE, DELETE or TRUNCATE for the roles, and a trigger refusing
            // updates and deletes even to a role granted them again.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE EXCEPTION 'The ledger is insert-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                CREATE TRIGGER ledger_entries_insert_only BEFORE UPDATE OR DELETE ON ledger_entries
                  FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
                CREATE TRIGGER stock_entries_insert_only BEFORE UPDATE OR DELETE ON stock_entries
                  FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
                CREATE TRIGGER day_closes_insert_only BEFORE UPDATE OR DELETE ON day_closes
                  FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
                REVOKE UPDATE, DELETE, TRUNCATE ON ledger_entries, stock_entries, day_closes FROM PUBLIC;
                REVOKE UPDATE, DELETE, TRUNCATE ON ledger_entries, stock_entries, day_closes FROM CURRENT_USER;
                """);

            // A refund's foreign key to its payment is checked by PostgreSQL as the table's owner with SELECT ... FOR KEY
            // SHARE, which needs an UPDATE privilege on some column: the owner keeps one on id (the trigger still refuses
            // every update; the app's role has none).
            migrationBuilder.Sql("GRANT UPDATE (id) ON ledger_entries TO CURRENT_USER;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                REVOKE UPDATE (id) ON ledger_entries FROM CURRENT_USER;
                GRANT UPDATE, DELETE, TRUNCATE ON ledger_entries, stock_entries, day_closes TO CURRENT_USER;
                DROP TRIGGER ledger_entries_insert_only ON ledger_entries;
                DROP TRIGGER stock_entries_insert_only ON stock_entries;
                DROP TRIGGER day_closes_insert_only ON day_closes;
                DROP FUNCTION refuse_ledger_change();
                """);
            migrationBuilder.DropTable(
                name: "billing_settings");

            migrationBuilder.DropTable(
                name: "day_closes");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "stock_entries");

            migrationBuilder.DropTable(
                name: "invoice_lines");

            migrationBuilder.DropTable(
                name: "invoices");

            migrationBuilder.DropTable(
                name: "retail_items");

            migrationBuilder.DropTable(
                name: "tax_classes");

            migrationBuilder.DropCheckConstraint(
                name: "ck_appointments_price_at_booking",
                table: "appointments");

            migrationBuilder.DropColumn(
                name: "price_at_booking",
                table: "appointments");
        }
    }
}
