using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddTreatmentPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "treatment_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_by_provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    indication = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    area_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    planned_sessions = table.Column<int>(type: "integer", nullable: false),
                    interval_days = table.Column<int>(type: "integer", nullable: false),
                    maintenance_months = table.Column<int>(type: "integer", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_treatment_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_treatment_plans_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_treatment_plans_providers_created_by_provider_id",
                        column: x => x.created_by_provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_treatment_plans_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_sessions",
                columns: table => new
                {
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    treatment_record_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_sessions", x => new { x.plan_id, x.treatment_record_id });
                    table.ForeignKey(
                        name: "fk_plan_sessions_treatment_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "treatment_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_sessions_treatment_records_treatment_record_id",
                        column: x => x.treatment_record_id,
                        principalTable: "treatment_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_plan_sessions_treatment_record_id",
                table: "plan_sessions",
                column: "treatment_record_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_treatment_plans_client_id",
                table: "treatment_plans",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_treatment_plans_created_by_provider_id",
                table: "treatment_plans",
                column: "created_by_provider_id");

            migrationBuilder.CreateIndex(
                name: "ix_treatment_plans_service_id",
                table: "treatment_plans",
                column: "service_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_sessions");

            migrationBuilder.DropTable(
                name: "treatment_plans");
        }
    }
}
