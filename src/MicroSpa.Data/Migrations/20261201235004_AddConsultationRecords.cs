using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddConsultationRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "findings",
                table: "treatment_records",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "treatment_records",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Treatment");

            migrationBuilder.AddColumn<string>(
                name: "recommended_plan",
                table: "treatment_records",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            // Consultations opened before this as needling charts: an unsigned one with nothing charted on an
            // area becomes the consultation record it should have been (signed charts stay as signed).
            migrationBuilder.Sql("""
                UPDATE treatment_records AS r SET kind = 'Consultation', device_id = NULL
                FROM appointments AS a JOIN services AS s ON s.id = a.service_id
                WHERE a.id = r.appointment_id AND s.kind = 'Consultation' AND r.status = 'Draft'
                  AND NOT EXISTS (SELECT 1 FROM charted_areas AS c WHERE c.treatment_record_id = r.id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "findings",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "treatment_records");

            migrationBuilder.DropColumn(
                name: "recommended_plan",
                table: "treatment_records");
        }
    }
}
