using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <summary>
    /// A client record merged into another becomes a tombstone pointing at the record kept (decision 045): old links
    /// redirect and the insert-only audit trail's entries resolve through it.
    /// </summary>
    public partial class AddClientMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "merged_at",
                table: "clients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "clients",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_clients_merged_into_id",
                table: "clients",
                column: "merged_into_id",
                filter: "merged_into_id IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_clients_merged",
                table: "clients",
                sql: "(merged_into_id IS NULL) = (merged_at IS NULL) AND (merged_into_id IS NULL OR merged_into_id <> id)");

            migrationBuilder.AddForeignKey(
                name: "fk_clients_clients_merged_into_id",
                table: "clients",
                column: "merged_into_id",
                principalTable: "clients",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_clients_clients_merged_into_id",
                table: "clients");

            migrationBuilder.DropIndex(
                name: "ix_clients_merged_into_id",
                table: "clients");

            migrationBuilder.DropCheckConstraint(
                name: "ck_clients_merged",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "merged_at",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "clients");
        }
    }
}
