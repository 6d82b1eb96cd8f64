using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddCheckInWindow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "check_in_opens_minutes_before",
                table: "booking_policies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.UpdateData(
                table: "booking_policies",
                keyColumn: "id",
                keyValue: 1,
                column: "check_in_opens_minutes_before",
                value: 60);

            migrationBuilder.AddCheckConstraint(
                name: "ck_booking_policies_check_in_window",
                table: "booking_policies",
                sql: "check_in_opens_minutes_before BETWEEN 0 AND 720");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_booking_policies_check_in_window",
                table: "booking_policies");

            migrationBuilder.DropColumn(
                name: "check_in_opens_minutes_before",
                table: "booking_policies");
        }
    }
}
