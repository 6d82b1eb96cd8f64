using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddCoSignature : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "awaiting_co_signature",
                table: "treatment_records",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "co_signed_at",
                table: "treatment_records",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "co_signed_by_name",
                table: "treatment_records",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "co_signed_by_user_id",
                table: "treatment_records",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "co_signature_required",
                table: "booking_policies",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.UpdateData(
                table: "booking_policies",
                keyColumn: "id",
                keyValue: 1,
                column: "co_signature_required",
                value: false);

            migrationBuilder.CreateIndex(
                name: "ix_treatment_records_awaiting_co_signature",
                table: "treatment_records",
                column: "awaiting_co_signature",
                filter: "awaiting_co_signature");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_treatment_records_awaiting_co_signature",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "awaiting_co_signature",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "co_signed_at",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "co_signed_by_name",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "co_signed_by_user_id",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "co_signature_required",
                table: "booking_policies");
        }
    }
}
