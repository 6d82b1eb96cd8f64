using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddScreeningQuestionVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "published_by_name",
                table: "consent_forms",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "published_by_user_id",
                table: "consent_forms",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "screening_questionnaires",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    published_by_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    questions = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_screening_questionnaires", x => x.version);
                });

            // Version 1 is the questionnaire that was in code (ScreeningQuestionnaire, version 1), so every screening
            // already given keeps its wording and outcome. The isotretinoin washout was the booking policy's setting;
            // it moves into the question, with the clinic's value.
            migrationBuilder.Sql("""
                INSERT INTO screening_questionnaires (version, published_at, published_by_user_id, published_by_name, questions)
                SELECT 1, TIMESTAMPTZ '2026-01-01 00:00:00+00', NULL, NULL,
                       jsonb_set(seed.questions, '{0,WashoutAmount}',
                                 to_jsonb(COALESCE((SELECT isotretinoin_washout_months FROM booking_policies WHERE id = 1), 6)))
                FROM (SELECT $seed$[
                  {"Code": "isotretinoin", "Wording": "Are you taking isotretinoin (Accutane), or did you stop it less than {washout} ago?", "Severity": "HardStop", "Explanation": "Isotretinoin slows skin healing; needling must wait until the clinic's washout period has passed.", "WashoutAmount": 6, "WashoutUnit": "Months"},
                  {"Code": "active-skin", "Wording": "Do you have active acne, a rosacea flare, eczema or psoriasis in the area to be treated?", "Severity": "HardStop", "Explanation": "Needling inflamed skin can spread it and scar; the area must be calm first.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "infection", "Wording": "Do you have an active skin infection or a cold sore right now?", "Severity": "HardStop", "Explanation": "Needling can spread an active infection or cold sore.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "keloid", "Wording": "Do you form keloids or raised (hypertrophic) scars?", "Severity": "HardStop", "Explanation": "Needling may trigger new raised scars.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "pregnant", "Wording": "Are you pregnant or breastfeeding?", "Severity": "HardStop", "Explanation": "Treatment is postponed during pregnancy and breastfeeding.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "bleeding", "Wording": "Do you have a bleeding disorder?", "Severity": "HardStop", "Explanation": "Needling causes pinpoint bleeding that must stop normally.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "healing", "Wording": "Do you have uncontrolled diabetes or wounds that heal poorly?", "Severity": "HardStop", "Explanation": "The treatment relies on normal wound healing.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "immune", "Wording": "Are you immunosuppressed, or having chemotherapy or radiotherapy?", "Severity": "HardStop", "Explanation": "A weakened immune system raises the risk of infection.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "lesions", "Wording": "Do you have skin cancer, raised moles or warts in the area to be treated?", "Severity": "HardStop", "Explanation": "These must not be needled and need a clinician's assessment.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "allergy", "Wording": "Are you allergic to numbing creams (lidocaine) or to stainless steel or nickel?", "Severity": "HardStop", "Explanation": "The treatment uses a numbing cream and steel needles.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "sunburn", "Wording": "Have you had sunburn or a tan in the last 2 weeks, or used self-tanner in the last 48 hours?", "Severity": "HardStop", "Explanation": "Sun-damaged or tanned skin must recover before needling.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "anticoagulant", "Wording": "Do you take blood thinners or antiplatelet medication (e.g. warfarin, aspirin, clopidogrel)?", "Severity": "NeedsReview", "Explanation": "Your provider will check bleeding risk with you.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "cold-sores", "Wording": "Have you ever had cold sores?", "Severity": "NeedsReview", "Explanation": "Your provider may recommend an antiviral before treatment.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "autoimmune", "Wording": "Do you have an autoimmune disease?", "Severity": "NeedsReview", "Explanation": "Your provider will review how your skin may respond.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "retinoids", "Wording": "Have you used retinoids or exfoliating acids on the area in the last 5 days?", "Severity": "NeedsReview", "Explanation": "These make the skin more sensitive to needling.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "injectables", "Wording": "Have you had Botox or fillers in the last 2 weeks?", "Severity": "NeedsReview", "Explanation": "Your provider will plan around recent injectables.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "peel-laser", "Wording": "Have you had a chemical peel or laser treatment in the last month?", "Severity": "NeedsReview", "Explanation": "The skin may still be recovering.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "tattoo", "Wording": "Do you have a tattoo or permanent makeup in the area to be treated?", "Severity": "NeedsReview", "Explanation": "Your provider will avoid or adapt around pigment.", "WashoutAmount": null, "WashoutUnit": null},
                  {"Code": "fitzpatrick", "Wording": "Does your skin tan easily and rarely or never burn (darker skin types, Fitzpatrick V–VI)?", "Severity": "NeedsReview", "Explanation": "Darker skin types need adapted depths to avoid pigment changes.", "WashoutAmount": null, "WashoutUnit": null}
                ]$seed$::jsonb AS questions) AS seed;
                """);

            migrationBuilder.DropColumn(
                name: "isotretinoin_washout_months",
                table: "booking_policies");

            migrationBuilder.UpdateData(
                table: "consent_forms",
                keyColumn: "version",
                keyValue: 1,
                columns: new[] { "published_by_name", "published_by_user_id" },
                values: new object[] { null, null });

            migrationBuilder.CreateIndex(
                name: "ix_screenings_questionnaire_version",
                table: "screenings",
                column: "questionnaire_version");

            migrationBuilder.AddForeignKey(
                name: "fk_screenings_screening_questionnaires_questionnaire_version",
                table: "screenings",
                column: "questionnaire_version",
                principalTable: "screening_questionnaires",
                principalColumn: "version",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_screenings_screening_questionnaires_questionnaire_version",
                table: "screenings");

            migrationBuilder.AddColumn<int>(
                name: "isotretinoin_washout_months",
                table: "booking_policies",
                type: "integer",
                nullable: false,
                defaultValue: 6);

            migrationBuilder.Sql("""
                UPDATE booking_policies SET isotretinoin_washout_months = COALESCE((
                    SELECT (q.question ->> 'WashoutAmount')::int FROM screening_questionnaires v, jsonb_array_elements(v.questions) AS q(question)
                    WHERE v.version = 1 AND q.question ->> 'Code' = 'isotretinoin'), 6);
                """);

            migrationBuilder.DropTable(
                name: "screening_questionnaires");

            migrationBuilder.DropIndex(
                name: "ix_screenings_questionnaire_version",
                table: "screenings");

            migrationBuilder.DropColumn(
                name: "published_by_name",
                table: "consent_forms");

            migrationBuilder.DropColumn(
                name: "published_by_user_id",
                table: "consent_forms");

        }
    }
}
