using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddResourceSchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "extra_shifts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    end = table.Column<TimeOnly>(type: "time without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_extra_shifts", x => x.id);
                    table.CheckConstraint("ck_extra_shifts_ends_after_start", "\"end\" > start");
                    table.ForeignKey(
                        name: "fk_extra_shifts_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opening_hours",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    day = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    end = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    booking_policy_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opening_hours", x => x.id);
                    table.ForeignKey(
                        name: "fk_opening_hours_booking_policies_booking_policy_id",
                        column: x => x.booking_policy_id,
                        principalTable: "booking_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "out_of_service",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    room_id = table.Column<Guid>(type: "uuid", nullable: true),
                    device_id = table.Column<Guid>(type: "uuid", nullable: true),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_out_of_service", x => x.id);
                    table.CheckConstraint("ck_out_of_service_ends_after_start", "ends_at > starts_at");
                    table.CheckConstraint("ck_out_of_service_one_resource", "(room_id IS NULL) <> (device_id IS NULL)");
                    table.ForeignKey(
                        name: "fk_out_of_service_devices_device_id",
                        column: x => x.device_id,
                        principalTable: "devices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_out_of_service_rooms_room_id",
                        column: x => x.room_id,
                        principalTable: "rooms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "opening_hours",
                columns: new[] { "id", "booking_policy_id", "day", "end", "start" },
                values: new object[,]
                {
                    { 1, 1, "Sunday", new TimeOnly(20, 0, 0), new TimeOnly(8, 0, 0) },
                    { 2, 1, "Monday", new TimeOnly(20, 0, 0), new TimeOnly(8, 0, 0) },
                    { 3, 1, "Tuesday", new TimeOnly(20, 0, 0), new TimeOnly(8, 0, 0) },
                    { 4, 1, "Wednesday", new TimeOnly(20, 0, 0), new TimeOnly(8, 0, 0) },
                    { 5, 1, "Thursday", new TimeOnly(20, 0, 0), new TimeOnly(8, 0, 0) },
                    { 6, 1, "Friday", new TimeOnly(20, 0, 0), new TimeOnly(8, 0, 0) },
                    { 7, 1, "Saturday", new TimeOnly(20, 0, 0), new TimeOnly(8, 0, 0) }
                });

            // The seeded rows carry explicit ids: move the identity past them so the next hours saved get new ones.
            migrationBuilder.Sql("SELECT setval(pg_get_serial_sequence('opening_hours', 'id'), 7);");

            migrationBuilder.CreateIndex(
                name: "ix_extra_shifts_provider_id_date",
                table: "extra_shifts",
                columns: new[] { "provider_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_opening_hours_booking_policy_id",
                table: "opening_hours",
                column: "booking_policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_out_of_service_device_id_starts_at",
                table: "out_of_service",
                columns: new[] { "device_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_out_of_service_room_id_starts_at",
                table: "out_of_service",
                columns: new[] { "room_id", "starts_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "extra_shifts");

            migrationBuilder.DropTable(
                name: "opening_hours");

            migrationBuilder.DropTable(
                name: "out_of_service");
        }
    }
}
