using MicroSpa.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <summary>A gift card bought online is kept in online_payments (decision 064); a visitor's has no client.</summary>
    [DbContext(typeof(MicroSpaDbContext))]
    [Migration("20261208003100_AllowGiftCardPaymentsWithoutClient")]
    public partial class AllowGiftCardPaymentsWithoutClient : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Only the NOT NULL goes (AlterColumn would also restate the type, which the insert-only trigger refuses).
            migrationBuilder.Sql("ALTER TABLE online_payments ALTER COLUMN client_id DROP NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE online_payments ALTER COLUMN client_id SET NOT NULL;");
        }
    }
}
