using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddConsultationSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<Guid>>(
                name: "recommended_area_ids",
                table: "treatment_records",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.AddColumn<string>(
                name: "recommended_indication",
                table: "treatment_records",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "recommended_interval_days",
                table: "treatment_records",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "recommended_service_id",
                table: "treatment_records",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "recommended_sessions",
                table: "treatment_records",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "consultation_record_id",
                table: "treatment_plans",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_treatment_records_recommended_service_id",
                table: "treatment_records",
                column: "recommended_service_id");

            migrationBuilder.CreateIndex(
                name: "ix_treatment_plans_consultation_record_id",
                table: "treatment_plans",
                column: "consultation_record_id",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_treatment_plans_treatment_records_consultation_record_id",
                table: "treatment_plans",
                column: "consultation_record_id",
                principalTable: "treatment_records",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_treatment_records_services_recommended_service_id",
                table: "treatment_records",
                column: "recommended_service_id",
                principalTable: "services",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_treatment_plans_treatment_records_consultation_record_id",
                table: "treatment_plans");

            migrationBuilder.DropForeignKey(
                name: "fk_treatment_records_services_recommended_service_id",
                table: "treatment_records");

            migrationBuilder.DropIndex(
                name: "ix_treatment_records_recommended_service_id",
                table: "treatment_records");

            migrationBuilder.DropIndex(
                name: "ix_treatment_plans_consultation_record_id",
                table: "treatment_plans");

            migrationBuilder.DropColumn(
                name: "recommended_area_ids",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "recommended_indication",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "recommended_interval_days",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "recommended_service_id",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "recommended_sessions",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "consultation_record_id",
                table: "treatment_plans");
        }
    }
}
