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

    /// <summary>
    /// Starts the server on a port the operating system picks as it binds (so no other test, running in parallel,
    /// can take the port between choosing and binding it) and reads the port from the server's first line.
    /// </summary>
    public static async Task<LoopbackSmtpServer> StartAsync()
    {
        var maildir = Path.Combine(Path.GetTempPath(), $"microspa-smtp-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-c", Serve, maildir },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python} with aiosmtpd.");
        using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(startup.Token);
        }
        catch (OperationCanceledException)
        {
            line = null;
        }

        if (!int.TryParse(line, System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            var error = await process.StandardError.ReadToEndAsync();
            process.Dispose();
            throw new InvalidOperationException(
                $"aiosmtpd did not start (is python3-aiosmtpd installed? scripts/test.sh installs it): {line} {error}");
        }

        return new LoopbackSmtpServer(process, maildir, port);
    }

    /// <summary>
    /// What `python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox MAILDIR` runs, on a port chosen
    /// while binding (port 0), which it prints before serving.
    /// </summary>
    private const string Serve = """
        import asyncio, sys
        from aiosmtpd.handlers import Mailbox
        from aiosmtpd.smtp import SMTP

        async def main():
            server = await asyncio.get_running_loop().create_server(lambda: SMTP(Mailbox(sys.argv[1])), "127.0.0.1", 0)
            print(server.sockets[0].getsockname()[1], flush=True)
            await server.serve_forever()

        asyncio.run(main())
        """;

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

/// <summary>
/// A loopback port where no server listens, for "the mail server is down": the port is bound but never
/// listened on, so connecting is refused, and no other test can start a server on it while this lives.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}
