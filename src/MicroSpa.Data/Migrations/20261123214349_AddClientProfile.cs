using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddClientProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "notes",
                table: "clients",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "preferred_provider_id",
                table: "clients",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_clients_preferred_provider_id",
                table: "clients",
                column: "preferred_provider_id");

            migrationBuilder.AddForeignKey(
                name: "fk_clients_providers_preferred_provider_id",
                table: "clients",
                column: "preferred_provider_id",
                principalTable: "providers",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_clients_providers_preferred_provider_id",
                table: "clients");

            migrationBuilder.DropIndex(
                name: "ix_clients_preferred_provider_id",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "notes",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "preferred_provider_id",
                table: "clients");
        }
    }
}
