using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddChartSaveIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "last_save_id",
                table: "treatment_records",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_save_id",
                table: "treatment_records");
        }
    }
}
