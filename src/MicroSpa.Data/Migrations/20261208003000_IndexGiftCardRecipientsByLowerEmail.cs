using MicroSpa.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <summary>
    /// My wallet's received gift cards are matched by the recipient's address in any case (decision 064): an index on
    /// lower(recipient_email), which EF's model cannot express (so no model change and no target model here).
    /// </summary>
    [DbContext(typeof(MicroSpaDbContext))]
    [Migration("20261208003000_IndexGiftCardRecipientsByLowerEmail")]
    public partial class IndexGiftCardRecipientsByLowerEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_gift_card_orders_recipient_email_lower ON gift_card_orders (lower(recipient_email));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_gift_card_orders_recipient_email_lower;");
        }
    }
}
