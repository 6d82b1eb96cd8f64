using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddMedicalClearances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "requires_clearance",
                table: "services",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "clearance_valid_months",
                table: "booking_policies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "medical_clearances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    examiner_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    examiner_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    examiner_credential = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    examiner_licence_state = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    examined_on = table.Column<DateOnly>(type: "date", nullable: false),
                    mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    service_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    indications = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    contraindications = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    decline_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    recorded_by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_by_name = table.Column<string>(type: "character varying(201)", maxLength: 201, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    voided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    voided_by_screening_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_medical_clearances", x => x.id);
                    table.CheckConstraint("ck_medical_clearances_decision", "(decision = 'Cleared' AND expires_on > examined_on AND cardinality(service_ids) > 0) OR (decision = 'Declined' AND expires_on IS NULL AND decline_reason IS NOT NULL)");
                    table.CheckConstraint("ck_medical_clearances_examiner", "examiner_user_id IS NOT NULL OR examiner_licence_state IS NOT NULL");
                    table.ForeignKey(
                        name: "fk_medical_clearances_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_medical_clearances_screenings_voided_by_screening_id",
                        column: x => x.voided_by_screening_id,
                        principalTable: "screenings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.UpdateData(
                table: "booking_policies",
                keyColumn: "id",
                keyValue: 1,
                column: "clearance_valid_months",
                value: 12);

            migrationBuilder.CreateIndex(
                name: "ix_medical_clearances_client_id_recorded_at",
                table: "medical_clearances",
                columns: new[] { "client_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_medical_clearances_voided_by_screening_id",
                table: "medical_clearances",
                column: "voided_by_screening_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "medical_clearances");

            migrationBuilder.DropColumn(
                name: "requires_clearance",
                table: "services");

            migrationBuilder.DropColumn(
                name: "clearance_valid_months",
                table: "booking_policies");
        }
    }
}
