using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddBeforePhotosRule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "before_photos_required",
                table: "treatment_records",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "no_photos_reason",
                table: "treatment_records",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "before_photos_per_area",
                table: "booking_policies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.UpdateData(
                table: "booking_policies",
                keyColumn: "id",
                keyValue: 1,
                column: "before_photos_per_area",
                value: 0);

            migrationBuilder.AddCheckConstraint(
                name: "ck_booking_policies_before_photos_per_area",
                table: "booking_policies",
                sql: "before_photos_per_area BETWEEN 0 AND 10");

            migrationBuilder.AddCheckConstraint(
                name: "ck_booking_policies_clearance_valid_months",
                table: "booking_policies",
                sql: "clearance_valid_months BETWEEN 1 AND 24");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_booking_policies_before_photos_per_area",
                table: "booking_policies");

            migrationBuilder.DropCheckConstraint(
                name: "ck_booking_policies_clearance_valid_months",
                table: "booking_policies");

            migrationBuilder.DropColumn(
                name: "before_photos_required",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "no_photos_reason",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "before_photos_per_area",
                table: "booking_policies");
        }
    }
}
