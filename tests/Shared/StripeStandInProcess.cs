using System.Diagnostics;

namespace MicroSpa.Tests.Shared;

/// <summary>
/// The Stripe stand-in (src/MicroSpa.StripeStandIn) as its own process on loopback, on a port it picks as it binds,
/// with a secret key and a webhook endpoint of the test's choosing. Stripe.net is pointed at <see cref="Url"/>.
/// </summary>
public sealed class StripeStandInProcess : IAsyncDisposable
{
    public const string ApiKey = "sk_test_microspa_standin";

    private readonly Process _process;

    private StripeStandInProcess(Process process, string url, string webhookSecret)
    {
        _process = process;
        Url = url;
        WebhookSecret = webhookSecret;
    }

    /// <summary>The stand-in's address (http://127.0.0.1:port), Stripe's api.stripe.com for Stripe.net.</summary>
    public string Url { get; }

    public string WebhookSecret { get; }

    /// <param name="webhookUrl">Where it delivers its signed webhooks (none when null).</param>
    /// <param name="webhookSecret">The endpoint's signing secret (whsec_…); a new one when null.</param>
    /// <param name="settings">More of its settings, e.g. StandIn:Billing:AfterRetries=unpaid.</param>
    public static async Task<StripeStandInProcess> StartAsync(string? webhookUrl, string? webhookSecret = null, IEnumerable<string>? settings = null)
    {
        var dll = Path.Combine(RepositoryRoot(), "src", "MicroSpa.StripeStandIn", "bin", Configuration(), "net10.0", "MicroSpa.StripeStandIn.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The Stripe stand-in is not built: {dll} (dotnet build MicroSpa.sln builds it).");
        }

        var secret = webhookSecret ?? $"whsec_{Guid.NewGuid():N}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0", $"--StandIn:ApiKey={ApiKey}", $"--StandIn:WebhookSecret={secret}", "--Logging:LogLevel:Default=Warning" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (webhookUrl is not null)
        {
            start.ArgumentList.Add($"--StandIn:WebhookUrl={webhookUrl}");
        }

        foreach (var setting in settings ?? [])
        {
            start.ArgumentList.Add($"--{setting}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Stripe stand-in.");
        using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        const string Ready = "Stripe stand-in listening on: ";
        try
        {
            while (await process.StandardOutput.ReadLineAsync(startup.Token) is { } line)
            {
                if (line.StartsWith(Ready, StringComparison.Ordinal))
                {
                    // Whatever it writes later must not fill the pipe and stall it.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return new StripeStandInProcess(process, line[Ready.Length..].Split(' ')[0].TrimEnd('/'), secret);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        var error = await process.StandardError.ReadToEndAsync();
        process.Dispose();
        throw new InvalidOperationException($"The Stripe stand-in did not start: {error}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MicroSpa.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MicroSpa.sln not found above the test's directory.");
    }

    /// <summary>Release or Debug, as the tests themselves were built (…/bin/Release/net10.0/).</summary>
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
