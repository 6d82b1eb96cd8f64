using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddMemberships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines");

            migrationBuilder.AddColumn<Guid>(
                name: "membership_period_id",
                table: "invoice_lines",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "membership_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    monthly_price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    service_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    sessions_per_month = table.Column<int>(type: "integer", nullable: false),
                    service_discount_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    retail_discount_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    rolls_over = table.Column<bool>(type: "boolean", nullable: false),
                    pause_months_per_year = table.Column<int>(type: "integer", nullable: false),
                    cancellation_notice_days = table.Column<int>(type: "integer", nullable: false),
                    collection = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membership_plans", x => x.id);
                    table.CheckConstraint("ck_membership_plans_terms", "monthly_price > 0 AND sessions_per_month BETWEEN 0 AND 10 AND (sessions_per_month = 0) = (cardinality(service_ids) = 0) AND service_discount_percent BETWEEN 0 AND 100 AND retail_discount_percent BETWEEN 0 AND 100 AND pause_months_per_year BETWEEN 0 AND 6 AND cancellation_notice_days BETWEEN 0 AND 90");
                    table.ForeignKey(
                        name: "fk_membership_plans_users_created_by",
                        column: x => x.created_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "memberships",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    collection = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    monthly_price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    started_on = table.Column<DateOnly>(type: "date", nullable: false),
                    joined_by = table.Column<Guid>(type: "uuid", nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    stripe_customer_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    stripe_subscription_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    cancelled_on = table.Column<DateOnly>(type: "date", nullable: true),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_memberships", x => x.id);
                    table.CheckConstraint("ck_memberships_monthly_price", "monthly_price > 0 AND (ends_on IS NULL OR ends_on >= started_on)");
                    table.ForeignKey(
                        name: "fk_memberships_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_memberships_membership_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "membership_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_memberships_users_joined_by",
                        column: x => x.joined_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "membership_pauses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    membership_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_number = table.Column<int>(type: "integer", nullable: false),
                    months = table.Column<int>(type: "integer", nullable: false),
                    planned_months = table.Column<int>(type: "integer", nullable: false),
                    by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membership_pauses", x => x.id);
                    table.CheckConstraint("ck_membership_pauses_months", "first_number >= 1 AND months BETWEEN 0 AND planned_months AND planned_months BETWEEN 1 AND 6");
                    table.ForeignKey(
                        name: "fk_membership_pauses_memberships_membership_id",
                        column: x => x.membership_id,
                        principalTable: "memberships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_membership_pauses_users_by_user_id",
                        column: x => x.by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "membership_periods",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    membership_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    forfeited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    invoice_line_id = table.Column<Guid>(type: "uuid", nullable: true),
                    stripe_invoice_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    failed_attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membership_periods", x => x.id);
                    table.CheckConstraint("ck_membership_periods_dates", "number >= 0 AND ends_on > starts_on AND amount > 0 AND failed_attempts >= 0");
                    table.CheckConstraint("ck_membership_periods_paid", "(state = 'Paid') = (invoice_line_id IS NOT NULL AND paid_at IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_membership_periods_invoice_lines_invoice_line_id",
                        column: x => x.invoice_line_id,
                        principalTable: "invoice_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_membership_periods_memberships_membership_id",
                        column: x => x.membership_id,
                        principalTable: "memberships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_invoice_lines_membership_period_id",
                table: "invoice_lines",
                column: "membership_period_id",
                filter: "membership_period_id IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoice_lines_membership",
                table: "invoice_lines",
                sql: "(kind = 'Membership') = (membership_period_id IS NOT NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines",
                sql: "(kind IN ('Tip', 'Fee', 'Package', 'GiftCard', 'Membership')) = (tax_kind IS NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_membership_pauses_by_user_id",
                table: "membership_pauses",
                column: "by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_membership_pauses_membership_id",
                table: "membership_pauses",
                column: "membership_id");

            migrationBuilder.CreateIndex(
                name: "ix_membership_periods_invoice_line_id",
                table: "membership_periods",
                column: "invoice_line_id",
                unique: true,
                filter: "invoice_line_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_membership_periods_membership_id_number",
                table: "membership_periods",
                columns: new[] { "membership_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_membership_periods_membership_id_starts_on",
                table: "membership_periods",
                columns: new[] { "membership_id", "starts_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_membership_plans_created_by",
                table: "membership_plans",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_client_id",
                table: "memberships",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_joined_by",
                table: "memberships",
                column: "joined_by");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_plan_id",
                table: "memberships",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_stripe_subscription_id",
                table: "memberships",
                column: "stripe_subscription_id",
                unique: true,
                filter: "stripe_subscription_id IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "fk_invoice_lines_membership_periods_membership_period_id",
                table: "invoice_lines",
                column: "membership_period_id",
                principalTable: "membership_periods",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_invoice_lines_membership_periods_membership_period_id",
                table: "invoice_lines");

            migrationBuilder.DropTable(
                name: "membership_pauses");

            migrationBuilder.DropTable(
                name: "membership_periods");

            migrationBuilder.DropTable(
                name: "memberships");

            migrationBuilder.DropTable(
                name: "membership_plans");

            migrationBuilder.DropIndex(
                name: "ix_invoice_lines_membership_period_id",
                table: "invoice_lines");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoice_lines_membership",
                table: "invoice_lines");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines");

            migrationBuilder.DropColumn(
                name: "membership_period_id",
                table: "invoice_lines");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines",
                sql: "(kind IN ('Tip', 'Fee', 'Package', 'GiftCard')) = (tax_kind IS NULL)");
        }
    }
}
