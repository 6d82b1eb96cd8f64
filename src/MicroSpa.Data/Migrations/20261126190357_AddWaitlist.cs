using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddWaitlist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "waitlist_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    area_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: true),
                    days = table.Column<int>(type: "integer", nullable: false),
                    earliest_start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    latest_start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    until = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waitlist_entries", x => x.id);
                    table.CheckConstraint("ck_waitlist_entries_days", "days > 0 AND days <= 127");
                    table.CheckConstraint("ck_waitlist_entries_start_window", "latest_start >= earliest_start");
                    table.ForeignKey(
                        name: "fk_waitlist_entries_appointments_appointment_id",
                        column: x => x.appointment_id,
                        principalTable: "appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_waitlist_entries_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_waitlist_entries_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_waitlist_entries_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "waitlist_offers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    freed_appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    offered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    offered_by = table.Column<Guid>(type: "uuid", nullable: true),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waitlist_offers", x => x.id);
                    table.ForeignKey(
                        name: "fk_waitlist_offers_appointments_appointment_id",
                        column: x => x.appointment_id,
                        principalTable: "appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_waitlist_offers_appointments_freed_appointment_id",
                        column: x => x.freed_appointment_id,
                        principalTable: "appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_waitlist_offers_waitlist_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "waitlist_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_appointment_id",
                table: "waitlist_entries",
                column: "appointment_id");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_client_id",
                table: "waitlist_entries",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_provider_id",
                table: "waitlist_entries",
                column: "provider_id");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_service_id_status",
                table: "waitlist_entries",
                columns: new[] { "service_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_offers_appointment_id",
                table: "waitlist_offers",
                column: "appointment_id");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_offers_entry_id",
                table: "waitlist_offers",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_offers_freed_appointment_id_entry_id",
                table: "waitlist_offers",
                columns: new[] { "freed_appointment_id", "entry_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_offers_token_hash",
                table: "waitlist_offers",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_waitlist_offers_one_accepted_per_freed_time",
                table: "waitlist_offers",
                column: "freed_appointment_id",
                unique: true,
                filter: "status = 'Accepted'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "waitlist_offers");

            migrationBuilder.DropTable(
                name: "waitlist_entries");
        }
    }
}
