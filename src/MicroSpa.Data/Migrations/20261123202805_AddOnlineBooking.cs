using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddOnlineBooking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "minimum_interval_days",
                table: "body_areas",
                type: "integer",
                nullable: false,
                defaultValue: 28);

            migrationBuilder.AddColumn<Guid>(
                name: "booking_draft_id",
                table: "appointments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "consent_signature_id",
                table: "appointments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "needs_review",
                table: "appointments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "screening_id",
                table: "appointments",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "booking_drafts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    area_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: true),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    needs_intake = table.Column<bool>(type: "boolean", nullable: false),
                    screening_id = table.Column<Guid>(type: "uuid", nullable: true),
                    consent_signature_id = table.Column<Guid>(type: "uuid", nullable: true),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booking_drafts", x => x.id);
                    table.ForeignKey(
                        name: "fk_booking_drafts_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_booking_drafts_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "booking_policies",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    minimum_notice_minutes = table.Column<int>(type: "integer", nullable: false),
                    horizon_days = table.Column<int>(type: "integer", nullable: false),
                    cancellation_cutoff_hours = table.Column<int>(type: "integer", nullable: false),
                    slot_minutes = table.Column<int>(type: "integer", nullable: false),
                    screening_valid_days = table.Column<int>(type: "integer", nullable: false),
                    isotretinoin_washout_months = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booking_policies", x => x.id);
                    table.CheckConstraint("ck_booking_policies_single_row", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "consent_forms",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_forms", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "screenings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    questionnaire_version = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    confirmed_unchanged_from_id = table.Column<Guid>(type: "uuid", nullable: true),
                    answers = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_screenings", x => x.id);
                    table.ForeignKey(
                        name: "fk_screenings_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "time_off",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_time_off", x => x.id);
                    table.CheckConstraint("ck_time_off_ends_after_start", "ends_at > starts_at");
                    table.ForeignKey(
                        name: "fk_time_off_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "consent_signatures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    form_version = table.Column<int>(type: "integer", nullable: false),
                    typed_name = table.Column<string>(type: "character varying(201)", maxLength: 201, nullable: false),
                    photo_consent = table.Column<bool>(type: "boolean", nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ip_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    user_agent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_signatures", x => x.id);
                    table.ForeignKey(
                        name: "fk_consent_signatures_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consent_signatures_consent_forms_form_version",
                        column: x => x.form_version,
                        principalTable: "consent_forms",
                        principalColumn: "version",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "booking_policies",
                columns: new[] { "id", "cancellation_cutoff_hours", "horizon_days", "isotretinoin_washout_months", "minimum_notice_minutes", "screening_valid_days", "slot_minutes" },
                values: new object[] { 1, 24, 60, 6, 120, 30, 15 });

            migrationBuilder.InsertData(
                table: "consent_forms",
                columns: new[] { "version", "body", "published_at", "title" },
                values: new object[] { 1, "I ask for microneedling treatment. I understand that a pen of fine needles makes controlled punctures in the skin to\nstimulate collagen and elastin, that a numbing cream is applied first and serums may be applied after, and that results\nbuild over weeks and usually need a series of sessions.\n\nExpected effects: redness for one to two days, swelling that can peak on the second day, pinpoint scabs or bruising for\nup to ten days, and skin that is sensitive to the sun.\n\nPossible risks: infection, cold-sore outbreak, changes in pigmentation, allergic or granuloma reactions to products,\nreaction to the numbing cream, and, rarely, scarring. Results vary and are not guaranteed.\n\nI have answered the health screening truthfully and will tell the clinic about any change before treatment. I will\nfollow the aftercare instructions: water only on the skin for the first day, no makeup for 24 hours, daily mineral\nsunscreen of SPF 30 or more for two weeks, no sweating, pools or saunas for 72 hours, and no retinoids, acids or\nvitamin C for 5 to 7 days. I will call the clinic if redness, warmth or pain increases instead of fading, if I see pus,\nhave a fever or a cold sore, or notice new itchy bumps or darkening pigment.\n\nI may withdraw this consent at any time before treatment.", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "Consent to microneedling (collagen induction therapy)" });

            migrationBuilder.CreateIndex(
                name: "ix_appointments_booking_draft_id",
                table: "appointments",
                column: "booking_draft_id",
                unique: true,
                filter: "booking_draft_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_consent_signature_id",
                table: "appointments",
                column: "consent_signature_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_screening_id",
                table: "appointments",
                column: "screening_id");

            migrationBuilder.CreateIndex(
                name: "ix_booking_drafts_client_id",
                table: "booking_drafts",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_booking_drafts_service_id",
                table: "booking_drafts",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_consent_signatures_client_id_signed_at",
                table: "consent_signatures",
                columns: new[] { "client_id", "signed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_consent_signatures_form_version",
                table: "consent_signatures",
                column: "form_version");

            migrationBuilder.CreateIndex(
                name: "ix_screenings_client_id_answered_at",
                table: "screenings",
                columns: new[] { "client_id", "answered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_time_off_provider_id_starts_at",
                table: "time_off",
                columns: new[] { "provider_id", "starts_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_appointments_consent_signatures_consent_signature_id",
                table: "appointments",
                column: "consent_signature_id",
                principalTable: "consent_signatures",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_appointments_screenings_screening_id",
                table: "appointments",
                column: "screening_id",
                principalTable: "screenings",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_appointments_consent_signatures_consent_signature_id",
                table: "appointments");

            migrationBuilder.DropForeignKey(
                name: "fk_appointments_screenings_screening_id",
                table: "appointments");

            migrationBuilder.DropTable(
                name: "booking_drafts");

            migrationBuilder.DropTable(
                name: "booking_policies");

            migrationBuilder.DropTable(
                name: "consent_signatures");

            migrationBuilder.DropTable(
                name: "screenings");

            migrationBuilder.DropTable(
                name: "time_off");

            migrationBuilder.DropTable(
                name: "consent_forms");

            migrationBuilder.DropIndex(
                name: "ix_appointments_booking_draft_id",
                table: "appointments");

            migrationBuilder.DropIndex(
                name: "ix_appointments_consent_signature_id",
                table: "appointments");

            migrationBuilder.DropIndex(
                name: "ix_appointments_screening_id",
                table: "appointments");

            migrationBuilder.DropColumn(
                name: "minimum_interval_days",
                table: "body_areas");

            migrationBuilder.DropColumn(
                name: "booking_draft_id",
                table: "appointments");

            migrationBuilder.DropColumn(
                name: "consent_signature_id",
                table: "appointments");

            migrationBuilder.DropColumn(
                name: "needs_review",
                table: "appointments");

            migrationBuilder.DropColumn(
                name: "screening_id",
                table: "appointments");
        }
    }
}
