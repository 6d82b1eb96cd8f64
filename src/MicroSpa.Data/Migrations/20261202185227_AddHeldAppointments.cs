using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddHeldAppointments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "held_until",
                table: "appointments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_appointments_held_until_held",
                table: "appointments",
                column: "held_until",
                filter: "status = 'Held'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_appointments_held_until",
                table: "appointments",
                sql: "status <> 'Held' OR held_until IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_appointments_held_until_held",
                table: "appointments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_appointments_held_until",
                table: "appointments");

            migrationBuilder.DropColumn(
                name: "held_until",
                table: "appointments");
        }
    }
}
