using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AllowUntaxedFeeLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines",
                sql: "(kind IN ('Tip', 'Fee')) = (tax_kind IS NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoice_lines_tip_untaxed",
                table: "invoice_lines",
                sql: "(kind = 'Tip') = (tax_kind IS NULL)");
        }
    }
}
