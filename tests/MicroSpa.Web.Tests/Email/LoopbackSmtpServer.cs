using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MicroSpa.Web.Tests.Email;

/// <summary>
/// A real SMTP server on loopback: Debian's aiosmtpd (python3-aiosmtpd, installed by scripts/test.sh),
/// run as its own process and storing what it accepts in a Maildir that tests read. Being another
/// implementation than ours, it proves MicroSpa's mail works with a server it was not written against.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;
    private readonly string _maildir;

    private LoopbackSmtpServer(Process process, string maildir, int port)
    {
        _process = process;
        _maildir = maildir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Every message the server accepted, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> Received =>
        new[] { "new", "cur" }.Select(d => Path.Combine(_maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Select(f => (Written: File.GetLastWriteTimeUtc(f), Data: File.ReadAllText(f)))
            .OrderBy(m => m.Written)
            .Select(m => new ReceivedMail(Header(m.Data, "X-MailFrom") ?? string.Empty,
                (Header(m.Data, "X-RcptTo") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), m.Data))
            .ToList();

    public static async Task<LoopbackSmtpServer> StartAsync()
    {
        var port = FreePort();
        var maildir = Path.Combine(Path.GetTempPath(), $"microspa-smtp-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python} -m aiosmtpd.");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"aiosmtpd stopped at once (is python3-aiosmtpd installed? scripts/test.sh installs it): {await process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new LoopbackSmtpServer(process, maildir, port);
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (Directory.Exists(_maildir))
        {
            Directory.Delete(_maildir, recursive: true);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? Header(string data, string name)
    {
        using var reader = new StringReader(data);
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        return null;
    }
}

public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data);
