using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddDepositsAndFees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "deposit_kind",
                table: "services",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<decimal>(
                name: "deposit_value",
                table: "services",
                type: "numeric(10,2)",
                precision: 10,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "cancellation_fee_kind",
                table: "billing_settings",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<decimal>(
                name: "cancellation_fee_value",
                table: "billing_settings",
                type: "numeric(10,2)",
                precision: 10,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "late_cancellations_before_required",
                table: "billing_settings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "no_show_fee_kind",
                table: "billing_settings",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<decimal>(
                name: "no_show_fee_value",
                table: "billing_settings",
                type: "numeric(10,2)",
                precision: 10,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "record_months",
                table: "billing_settings",
                type: "integer",
                nullable: false,
                defaultValue: 12);

            migrationBuilder.AddColumn<bool>(
                name: "require_after_no_show",
                table: "billing_settings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "safeguard",
                table: "billing_settings",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "CardOnFile");

            migrationBuilder.AddColumn<bool>(
                name: "waive_deposit_for_clean_record",
                table: "billing_settings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.UpdateData(
                table: "billing_settings",
                keyColumn: "id",
                keyValue: 1,
                columns: new[] { "cancellation_fee_kind", "cancellation_fee_value", "late_cancellations_before_required", "no_show_fee_kind", "no_show_fee_value", "record_months", "require_after_no_show", "safeguard", "waive_deposit_for_clean_record" },
                values: new object[] { "None", 0m, 0, "None", 0m, 12, false, "CardOnFile", false });

            migrationBuilder.AddCheckConstraint(
                name: "ck_services_deposit",
                table: "services",
                sql: "(deposit_kind = 'None' AND deposit_value = 0) OR (deposit_kind = 'Fixed' AND deposit_value > 0) OR (deposit_kind = 'Percent' AND deposit_value > 0 AND deposit_value <= 100)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_billing_settings_cancellation_fee",
                table: "billing_settings",
                sql: "(cancellation_fee_kind = 'None' AND cancellation_fee_value = 0) OR (cancellation_fee_kind = 'Fixed' AND cancellation_fee_value > 0) OR (cancellation_fee_kind = 'Percent' AND cancellation_fee_value > 0 AND cancellation_fee_value <= 100)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_billing_settings_late_cancellations",
                table: "billing_settings",
                sql: "late_cancellations_before_required BETWEEN 0 AND 20");

            migrationBuilder.AddCheckConstraint(
                name: "ck_billing_settings_no_show_fee",
                table: "billing_settings",
                sql: "(no_show_fee_kind = 'None' AND no_show_fee_value = 0) OR (no_show_fee_kind = 'Fixed' AND no_show_fee_value > 0) OR (no_show_fee_kind = 'Percent' AND no_show_fee_value > 0 AND no_show_fee_value <= 100)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_billing_settings_record_months",
                table: "billing_settings",
                sql: "record_months BETWEEN 1 AND 36");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_services_deposit",
                table: "services");

            migrationBuilder.DropCheckConstraint(
                name: "ck_billing_settings_cancellation_fee",
                table: "billing_settings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_billing_settings_late_cancellations",
                table: "billing_settings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_billing_settings_no_show_fee",
                table: "billing_settings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_billing_settings_record_months",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "deposit_kind",
                table: "services");

            migrationBuilder.DropColumn(
                name: "deposit_value",
                table: "services");

            migrationBuilder.DropColumn(
                name: "cancellation_fee_kind",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "cancellation_fee_value",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "late_cancellations_before_required",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "no_show_fee_kind",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "no_show_fee_value",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "record_months",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "require_after_no_show",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "safeguard",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "waive_deposit_for_clean_record",
                table: "billing_settings");
        }
    }
}
