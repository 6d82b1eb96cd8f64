using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class BuySeriesWithBooking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "series_version_id",
                table: "booking_drafts",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_booking_drafts_series_version_id",
                table: "booking_drafts",
                column: "series_version_id");

            migrationBuilder.AddForeignKey(
                name: "fk_booking_drafts_package_versions_series_version_id",
                table: "booking_drafts",
                column: "series_version_id",
                principalTable: "package_versions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_booking_drafts_package_versions_series_version_id",
                table: "booking_drafts");

            migrationBuilder.DropIndex(
                name: "ix_booking_drafts_series_version_id",
                table: "booking_drafts");

            migrationBuilder.DropColumn(
                name: "series_version_id",
                table: "booking_drafts");
        }
    }
}
