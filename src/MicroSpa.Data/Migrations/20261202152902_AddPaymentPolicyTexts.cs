using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddPaymentPolicyTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payment_policy_texts",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    body = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    published_by_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_policy_texts", x => x.version);
                    table.CheckConstraint("ck_payment_policy_texts_version", "version >= 1");
                });

            migrationBuilder.InsertData(
                table: "payment_policy_texts",
                columns: new[] { "version", "body", "published_at", "published_by_name", "published_by_user_id" },
                values: new object[] { 1, "You may cancel or move your appointment up to {cancellation_cutoff} before it starts at no charge. A later cancellation costs {cancellation_fee}; missing your appointment without telling us costs {no_show_fee}. A deposit taken when you book counts toward your visit. A saved card is charged only for these fees, and only after the front desk confirms it.", new DateTimeOffset(new DateTime(2026, 12, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payment_policy_texts");
        }
    }
}
