using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AllowFrontDeskRefundsAndAuditAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "front_desk_may_refund",
                table: "billing_settings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "from_address",
                table: "audit_entries",
                type: "character varying(45)",
                maxLength: 45,
                nullable: true);

            migrationBuilder.UpdateData(
                table: "billing_settings",
                keyColumn: "id",
                keyValue: 1,
                column: "front_desk_may_refund",
                value: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "front_desk_may_refund",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "from_address",
                table: "audit_entries");
        }
    }
}
