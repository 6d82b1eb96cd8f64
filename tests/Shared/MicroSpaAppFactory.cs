using MicroSpa.Web.Features.Reminders;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace MicroSpa.Tests.Shared;

/// <summary>
/// The real app (Program) on a real database, with mail going to a private pickup folder and every
/// log event captured so tests can check what was logged.
/// </summary>
public sealed class MicroSpaAppFactory(string connectionString) : WebApplicationFactory<Program>
{
    /// <summary>The Stripe webhook endpoint's signing secret every test app has (so the enumerated tests reach the endpoint); a test may unset it.</summary>
    public const string StripeWebhookSecret = "whsec_microspa_tests";

    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), $"microspa-mail-{Guid.NewGuid():N}");

    private readonly SemaphoreSlim _dispatching = new(1, 1);

    public CapturedLog Log { get; } = new();

    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>The app's clock when a test moves time (the browser tests' <c>MovableClock</c>); the system's when null. Set before the app starts.</summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>Services a test adds to this app (fault injection), set before the first request.</summary>
    public List<Action<IServiceCollection>> ExtraServices { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:MicroSpa", connectionString);
        builder.UseSetting("Email:Mode", nameof(EmailMode.Pickup));
        builder.UseSetting("Email:PickupDirectory", MailDirectory);
        // The test client's address: links in emails are built from this, never from the request.
        builder.UseSetting("Clinic:PublicUrl", "http://localhost");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Information");

        // Tests run the reminder scheduler and dispatcher themselves, several at once where that is the point.
        builder.UseSetting("Reminders:Worker", "false");
        builder.UseSetting("Wallet:Worker", "false");

        // Likewise the job that ends lapsed holds of online bookings (ReleaseLapsedHolds).
        builder.UseSetting("Booking:HoldWorker", "false");
        builder.UseSetting("Import:UploadSweeper", "false");

        // Likewise the whole clinic's export (RunClinicExports): RunClinicExportsAsync does what the worker does.
        builder.UseSetting("ClinicExport:Worker", "false");

        // Every test signs in from the same (absent) address; the limit itself is tested with a low setting.
        builder.UseSetting("RateLimits:AccountPerMinute", "100000");
        builder.UseSetting("Payments:Stripe:WebhookSecret", StripeWebhookSecret);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Log);
            foreach (var add in ExtraServices)
            {
                add(services);
            }
        });
    }

    /// <summary>What has arrived for the address once the outbox dispatcher has sent everything due.</summary>
    public async Task<IReadOnlyList<StoredEmail>> EmailsToAsync(string address)
    {
        await DispatchOutboxAsync();
        var pickup = Services.GetRequiredService<PickupFolderEmailSender>();
        var all = await pickup.ReadAllAsync(CancellationToken.None);
        return all.Where(m => string.Equals(m.To, address, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>Does what the background worker does in the running app (it is off in tests, which run it themselves).</summary>
    /// <remarks>
    /// One at a time: a test reading mail from several tasks must not look while another task's dispatcher
    /// holds the message it waits for.
    /// </remarks>
    public async Task DispatchOutboxAsync()
    {
        await _dispatching.WaitAsync();
        try
        {
            await using var scope = Services.CreateAsyncScope();
            var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
            while (await dispatcher.DispatchAsync(50, CancellationToken.None) > 0)
            {
            }
        }
        finally
        {
            _dispatching.Release();
        }
    }

    /// <summary>Does what the export worker does in the running app: writes every queued export of the whole clinic (decision 046).</summary>
    public async Task RunClinicExportsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var run = scope.ServiceProvider.GetRequiredService<MicroSpa.Web.Features.ClinicExport.RunClinicExports.Handler>();
        while (await run.RunNextAsync(CancellationToken.None) is not null)
        {
        }
    }

    /// <summary>Sends what the outbox holds (so nothing queued before arrives later), then empties the mailbox.</summary>
    public async Task ClearMailAsync()
    {
        await DispatchOutboxAsync();
        ClearMail();
    }

    public void ClearMail()
    {
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        ClearMail();
    }
}

/// <summary>Every rendered log line of the app, for privacy checks.</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        var line = logEvent.RenderMessage() + " " + string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"))
            + (logEvent.Exception is null ? string.Empty : " " + logEvent.Exception);
        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
