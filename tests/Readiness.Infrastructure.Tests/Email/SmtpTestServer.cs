using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;

namespace Readiness.Infrastructure.Tests.Email;

/// <summary>A message as the SMTP server received it (whether it then accepted it or not).</summary>
internal sealed record ReceivedMail(IReadOnlyList<string> Recipients, MimeMessage Message, SmtpReplyCode Reply);

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 and a free port, in this process. It keeps every
/// message it is given and answers with <see cref="Respond"/> (250 by default), so tests can script 4xx and 5xx.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CapturingStore _store = new();
    private SmtpServerHost? _server;
    private Task _running = Task.CompletedTask;

    private SmtpTestServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The reply to each message; runs on the server's thread.</summary>
    public Func<ReceivedMail, SmtpResponse> Respond { get => _store.Respond; set => _store.Respond = value; }

    /// <summary>
    /// Whether to hang up on the client instead of answering a message (the connection drops while the client waits for
    /// the reply; the message is kept in <see cref="Received"/> with reply 421 and is not accepted). Runs on the server's thread.
    /// </summary>
    public Func<ReceivedMail, bool> HangUp { get => _store.HangUp; set => _store.HangUp = value; }

    /// <summary>How many SMTP connections carried at least one message.</summary>
    public int Sessions => _store.Sessions;

    /// <summary>Every DATA the server was given, accepted or not.</summary>
    public IReadOnlyList<ReceivedMail> Received => _store.Snapshot();

    /// <summary>Only the messages the server accepted (250).</summary>
    public IReadOnlyList<ReceivedMail> Accepted => [.. Received.Where(m => m.Reply == SmtpReplyCode.Ok)];

    public static async Task<SmtpTestServer> StartAsync()
    {
        var server = new SmtpTestServer(FreePort());
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port)).IsSecure(false).AuthenticationRequired(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(server._store);
        services.Add(new NoDelayEndpointListenerFactory());
        server._server = new SmtpServerHost(options, services);
        server._running = server._server.StartAsync(server._stop.Token);
        await WaitUntilListeningAsync(server.Port);
        return server;
    }

    /// <summary>A port nothing listens on (taken from the OS, then released): "the mail server is down".</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _server?.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private static async Task WaitUntilListeningAsync(int port)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (i < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    private sealed class CapturingStore : MessageStore
    {
        private readonly List<ReceivedMail> _received = [];
        private readonly HashSet<Guid> _sessions = [];

        public int Sessions
        {
            get
            {
                lock (_received) return _sessions.Count;
            }
        }

        public Func<ReceivedMail, SmtpResponse> Respond { get; set; } = _ => SmtpResponse.Ok;

        public Func<ReceivedMail, bool> HangUp { get; set; } = _ => false;

        public IReadOnlyList<ReceivedMail> Snapshot()
        {
            lock (_received) return [.. _received];
        }

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            var recipients = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
            lock (_received) _sessions.Add(context.SessionId);
            if (HangUp(new ReceivedMail(recipients, message, SmtpReplyCode.Ok)))
            {
                lock (_received) _received.Add(new ReceivedMail(recipients, message, SmtpReplyCode.ServiceUnavailable));
                ((IDisposable)context.Pipe).Dispose(); // closes the connection before any reply is written
                return Task.FromResult(new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "Gone"));
            }
            var response = Respond(new ReceivedMail(recipients, message, SmtpReplyCode.Ok));
            lock (_received) _received.Add(new ReceivedMail(recipients, message, response.ReplyCode));
            return Task.FromResult(response);
        }
    }

    /// <summary>
    /// SmtpServer's listener with Nagle's algorithm off on every accepted connection. The package writes a reply in more
    /// than one piece; with Nagle on, the second piece waits for the client's delayed ACK (~40 ms), so every message cost
    /// ~45 ms whatever the client did. Mail servers answer at once, and so should the server the tests and benchmarks send to.
    /// Plain connections only (the tests use no TLS).
    /// </summary>
    private sealed class NoDelayEndpointListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new Listener(listener);
        }

        private sealed class Listener(TcpListener listener) : IEndpointListener
        {
            public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                client.NoDelay = true;
                context.Properties.Add(EndpointListener.LocalEndPointKey, client.Client.LocalEndPoint!);
                context.Properties.Add(EndpointListener.RemoteEndPointKey, client.Client.RemoteEndPoint!);
                return new PlainPipe(client);
            }

            public void Dispose() => listener.Stop();
        }

        private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
        {
            public PipeReader Input { get; } = PipeReader.Create(client.GetStream());
            public PipeWriter Output { get; } = PipeWriter.Create(client.GetStream());
            public bool IsSecure => false;
            public SslProtocols SslProtocol => SslProtocols.None;

            public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException("The test SMTP server does not offer TLS.");

            public void Dispose() => client.Dispose();
        }
    }
}
