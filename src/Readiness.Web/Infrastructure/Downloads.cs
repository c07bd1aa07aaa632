using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Every export and feed goes out through here: as an attachment, and never stored by a browser or proxy cache
/// (they hold people's names, comments and, in the audit export, IP addresses).
/// </summary>
public static class Downloads
{
    public const string Csv = "text/csv; charset=utf-8";
    public const string Excel = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static FileContentResult Download(this PageModel page, byte[] content, string contentType, string fileName)
    {
        page.Response.Headers.CacheControl = "no-store";
        page.Response.Headers.Pragma = "no-cache";
        return page.File(content, contentType, fileName);
    }

    /// <summary>
    /// An export written straight to the response as it is made (a workbook of thousands of rows is never held whole in
    /// memory), with the same headers as <see cref="Download"/>.
    /// </summary>
    public static IActionResult StreamedDownload(this PageModel page, string contentType, string fileName, Func<Stream, CancellationToken, Task> write)
    {
        page.Response.Headers.CacheControl = "no-store";
        page.Response.Headers.Pragma = "no-cache";
        return new StreamedFile(contentType, fileName, write);
    }

    private sealed class StreamedFile(string contentType, string fileName, Func<Stream, CancellationToken, Task> write) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.ContentType = contentType;
            // As FileContentResult writes it: attachment; filename=…; filename*=UTF-8''…
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(fileName);
            response.Headers.ContentDisposition = disposition.ToString();
            var ct = context.HttpContext.RequestAborted;
            await using var body = new SyncWritesHeld(response.Body);
            await write(body, ct);
            await body.PassOnAsync(ct);
        }
    }

    /// <summary>
    /// The response body takes only asynchronous writes, but a zip written to a stream that cannot seek (an .xlsx to the
    /// response) closes each entry with a small synchronous write (data descriptor, central directory). Those few bytes are
    /// held here and passed on, in order, before the next asynchronous write and at the end.
    /// </summary>
    private sealed class SyncWritesHeld(Stream inner) : Stream
    {
        private readonly MemoryStream _held = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _held.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => _held.Write(buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await PassOnAsync(cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush()
        {
            // Held until the next asynchronous write or flush.
        }

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await PassOnAsync(cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }

        public async Task PassOnAsync(CancellationToken ct)
        {
            if (_held.Length == 0) return;
            await inner.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), ct);
            _held.SetLength(0);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _held.Dispose();
            base.Dispose(disposing);
        }
    }
}
