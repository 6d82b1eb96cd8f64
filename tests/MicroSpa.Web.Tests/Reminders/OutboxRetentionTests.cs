using MicroSpa.Domain.Messaging;
using MicroSpa.Web.Features.Reminders;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Reminders;

/// <summary>Sent emails told a client about their visit or aftercare: their bodies are not kept forever.</summary>
public sealed class OutboxRetentionTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static OutboxMessage Message(string key, DateTimeOffset created)
    {
        var message = new OutboxMessage(key, "aftercare-plan", "olivia@example.com", "Your aftercare plan",
            "Avoid the sun for a week.", "<p>Avoid the sun for a week.</p>", created, created);
        message.Attach("appointment.ics", "text/calendar", [1, 2, 3]);
        return message;
    }

    [Fact]
    public async Task Housekeeping_clears_the_body_of_an_email_sent_before_the_retention_period_and_keeps_its_metadata()
    {
        var now = DateTimeOffset.UtcNow;
        var old = Message("old", now.AddDays(-40));
        old.MarkSent(now.AddDays(-31));
        var recent = Message("recent", now.AddDays(-3));
        recent.MarkSent(now.AddDays(-2));
        var pending = Message("pending", now.AddDays(-40));
        await using (var db = Database.CreateContext())
        {
            db.Outbox.AddRange(old, recent, pending);
            await db.SaveChangesAsync();
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Housekeeping>().PurgeAsync(CancellationToken.None);
        }

        await using var check = Database.CreateContext();
        var cleared = await check.Outbox.SingleAsync(m => m.Key == "old");
        cleared.TextBody.ShouldBe(Housekeeping.ClearedBody);
        cleared.HtmlBody.ShouldBe(Housekeeping.ClearedBody);
        cleared.AttachmentContent.ShouldBeNull();
        (cleared.To, cleared.Kind, cleared.Subject, cleared.Status).ShouldBe(("olivia@example.com", "aftercare-plan", "Your aftercare plan", OutboxStatus.Sent));
        cleared.SentAt.ShouldNotBeNull();
        foreach (var key in new[] { "recent", "pending" })
        {
            var kept = await check.Outbox.SingleAsync(m => m.Key == key);
            kept.TextBody.ShouldBe("Avoid the sun for a week.", key);
            kept.AttachmentContent.ShouldNotBeNull(key);
        }
    }
}
