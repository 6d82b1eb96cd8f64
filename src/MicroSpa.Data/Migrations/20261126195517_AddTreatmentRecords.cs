using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddTreatmentRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aftercare_template_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    hours = table.Column<int>(type: "integer", nullable: true),
                    deeper_than_mm = table.Column<decimal>(type: "numeric(4,2)", precision: 4, scale: 2, nullable: true),
                    extra_hours_when_deeper = table.Column<int>(type: "integer", nullable: false),
                    extra_hours_on_body = table.Column<int>(type: "integer", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aftercare_template_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: true),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    purpose = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    not_for_needled_skin = table.Column<bool>(type: "boolean", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_products", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "treatment_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    skin_type = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    skin_notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    indications = table.Column<List<string>>(type: "text[]", nullable: false),
                    numbing_agent = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    numbing_applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    numbing_removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    numbing_occluded = table.Column<bool>(type: "boolean", nullable: false),
                    device_id = table.Column<Guid>(type: "uuid", nullable: true),
                    cartridge_needles = table.Column<int>(type: "integer", nullable: true),
                    cartridge_lot = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    cartridge_expiry = table.Column<DateOnly>(type: "date", nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    screening_acknowledged = table.Column<bool>(type: "boolean", nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    signed_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    signed_by_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_treatment_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_treatment_records_appointments_appointment_id",
                        column: x => x.appointment_id,
                        principalTable: "appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_treatment_records_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_treatment_records_devices_device_id",
                        column: x => x.device_id,
                        principalTable: "devices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_treatment_records_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "aftercare_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    treatment_record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    items = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aftercare_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_aftercare_plans_appointments_appointment_id",
                        column: x => x.appointment_id,
                        principalTable: "appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_aftercare_plans_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_aftercare_plans_treatment_records_treatment_record_id",
                        column: x => x.treatment_record_id,
                        principalTable: "treatment_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "chart_addenda",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    treatment_record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    by_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chart_addenda", x => x.id);
                    table.ForeignKey(
                        name: "fk_chart_addenda_treatment_records_treatment_record_id",
                        column: x => x.treatment_record_id,
                        principalTable: "treatment_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "charted_areas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    body_area_id = table.Column<Guid>(type: "uuid", nullable: false),
                    area_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    depth_mm = table.Column<decimal>(type: "numeric(4,2)", precision: 4, scale: 2, nullable: true),
                    passes = table.Column<int>(type: "integer", nullable: true),
                    product_id = table.Column<Guid>(type: "uuid", nullable: true),
                    product_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    product_lot = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    endpoint = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    reaction = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    warning_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    rules_at_signing = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    treatment_record_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_charted_areas", x => x.id);
                    table.ForeignKey(
                        name: "fk_charted_areas_body_areas_body_area_id",
                        column: x => x.body_area_id,
                        principalTable: "body_areas",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_charted_areas_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_charted_areas_treatment_records_treatment_record_id",
                        column: x => x.treatment_record_id,
                        principalTable: "treatment_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "aftercare_template_items",
                columns: new[] { "id", "active", "deeper_than_mm", "extra_hours_on_body", "extra_hours_when_deeper", "hours", "kind", "sort_order", "text" },
                values: new object[,]
                {
                    { new Guid("0a5e0000-0000-7000-8000-000000000001"), true, null, 0, 0, null, "Expect", 1, "Redness like a sunburn for 24–48 hours; it is rarely visible after 3 days." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000002"), true, null, 0, 0, null, "Expect", 2, "Some swelling for a few hours; it can peak on day 2." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000003"), true, null, 0, 0, null, "Expect", 3, "Pinpoint scabs or light bruising can last up to 7–10 days. Do not pick them." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000004"), true, null, 0, 0, 24, "Do", 4, "Water only on the treated skin until {until}; after 6–8 hours a plain hyaluronic acid serum is fine." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000005"), true, null, 0, 0, 336, "Do", 5, "SPF 30+ mineral sunscreen every day until {until}." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000006"), true, 1.5m, 0, 72, 168, "Do", 6, "Back to your usual skincare from {until}." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000007"), true, null, 0, 0, 24, "Avoid", 7, "No makeup until {until}." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000008"), true, null, 0, 0, 72, "Avoid", 8, "No direct sun until {until}; strictly none today." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000009"), true, 1.5m, 24, 24, 72, "Avoid", 9, "No sweaty exercise, sauna or hot tub until {until}." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000010"), true, null, 0, 0, 120, "Avoid", 10, "No swimming in chlorinated pools until {until}." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000011"), true, 1.5m, 0, 72, 168, "Avoid", 11, "No retinoids, acids, vitamin C or exfoliants until {until}." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000012"), true, null, 0, 0, 336, "Avoid", 12, "No Botox or filler until {until}." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000013"), true, null, 0, 0, null, "CallIf", 13, "Redness, warmth or pain that increases instead of fading." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000014"), true, null, 0, 0, null, "CallIf", 14, "Pus, fever or chills." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000015"), true, null, 0, 0, null, "CallIf", 15, "A cold sore, or new itchy or tender red bumps 3–7 days later." },
                    { new Guid("0a5e0000-0000-7000-8000-000000000016"), true, null, 0, 0, null, "CallIf", 16, "Darkening pigment, or dizziness or a racing heart after the numbing cream." }
                });

            migrationBuilder.CreateIndex(
                name: "ix_aftercare_plans_appointment_id",
                table: "aftercare_plans",
                column: "appointment_id");

            migrationBuilder.CreateIndex(
                name: "ix_aftercare_plans_client_id",
                table: "aftercare_plans",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_aftercare_plans_treatment_record_id",
                table: "aftercare_plans",
                column: "treatment_record_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_client_id_at",
                table: "audit_entries",
                columns: new[] { "client_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_user_id_at",
                table: "audit_entries",
                columns: new[] { "user_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_chart_addenda_treatment_record_id",
                table: "chart_addenda",
                column: "treatment_record_id");

            migrationBuilder.CreateIndex(
                name: "ix_charted_areas_body_area_id",
                table: "charted_areas",
                column: "body_area_id");

            migrationBuilder.CreateIndex(
                name: "ix_charted_areas_product_id",
                table: "charted_areas",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_charted_areas_product_lot",
                table: "charted_areas",
                column: "product_lot");

            migrationBuilder.CreateIndex(
                name: "ix_charted_areas_treatment_record_id",
                table: "charted_areas",
                column: "treatment_record_id");

            migrationBuilder.CreateIndex(
                name: "ix_treatment_records_appointment_id",
                table: "treatment_records",
                column: "appointment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_treatment_records_cartridge_lot",
                table: "treatment_records",
                column: "cartridge_lot");

            migrationBuilder.CreateIndex(
                name: "ix_treatment_records_client_id_created_at",
                table: "treatment_records",
                columns: new[] { "client_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_treatment_records_device_id",
                table: "treatment_records",
                column: "device_id");

            migrationBuilder.CreateIndex(
                name: "ix_treatment_records_provider_id",
                table: "treatment_records",
                column: "provider_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aftercare_plans");

            migrationBuilder.DropTable(
                name: "aftercare_template_items");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "chart_addenda");

            migrationBuilder.DropTable(
                name: "charted_areas");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "treatment_records");
        }
    }
}
