/**
 * The protobuf wire format, as much as OTLP needs: a reader that walks the fields of one
 * message (varint, fixed64, length-delimited, fixed32; skipping what the caller does not ask
 * for) and a writer for the small response messages. Hand-written rather than protobufjs and
 * generated code: ExportTraceServiceRequest is a handful of messages, and a reader that skips
 * unread fields by length keeps non-GenAI spans cheap.
 */

export class ProtobufError extends Error {}

export const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

const textDecoder = new TextDecoder("utf-8", { fatal: false });

export class ProtoReader {
  private pos: number;
  private readonly end: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  /** An independent reader at the same position (to look ahead without consuming). */
  clone(): ProtoReader {
    return new ProtoReader(this.buf, this.pos, this.end);
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wire: number } {
    const key = this.varint();
    return { field: Math.floor(key / 8), wire: key & 7 };
  }

  /** A varint up to 2^53 (token counts, enums, lengths); larger ones are refused. */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError("truncated varint");
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (!Number.isSafeInteger(result)) throw new ProtobufError("varint beyond 2^53");
        return result;
      }
      scale *= 128;
    }
    throw new ProtobufError("varint longer than 10 bytes");
  }

  /** A signed int64 varint (two's complement): a number within ±2^53, else its decimal text. */
  int64(): number | string {
    const value = this.varintBig();
    const signed = value >= 1n << 63n ? value - (1n << 64n) : value;
    const safe = signed <= BigInt(Number.MAX_SAFE_INTEGER) && signed >= BigInt(Number.MIN_SAFE_INTEGER);
    return safe ? Number(signed) : signed.toString();
  }

  private varintBig(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError("truncated varint");
      const byte = this.buf[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return result & ((1n << 64n) - 1n);
      shift += 7n;
    }
    throw new ProtobufError("varint longer than 10 bytes");
  }

  /** An unsigned fixed64 (nanosecond timestamps). */
  fixed64(): bigint {
    this.need(8);
    const low = this.uint32At(this.pos);
    const high = this.uint32At(this.pos + 4);
    this.pos += 8;
    return (BigInt(high) << 32n) | BigInt(low);
  }

  private uint32At(at: number): number {
    const b = this.buf;
    return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000;
  }

  double(): number {
    this.need(8);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getFloat64(0, true);
  }

  /** A length-delimited field as a reader over its bytes (an embedded message). */
  message(): ProtoReader {
    const length = this.varint();
    this.need(length);
    const reader = new ProtoReader(this.buf, this.pos, this.pos + length);
    this.pos += length;
    return reader;
  }

  bytes(): Uint8Array {
    const length = this.varint();
    this.need(length);
    const bytes = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return bytes;
  }

  string(): string {
    return textDecoder.decode(this.bytes());
  }

  /** Skips a field the caller does not read. */
  skip(wire: number): void {
    if (wire === WIRE.varint) this.skipVarint();
    else if (wire === WIRE.fixed64) this.advance(8);
    else if (wire === WIRE.bytes) this.advance(this.varint());
    else if (wire === WIRE.fixed32) this.advance(4);
    else throw new ProtobufError(`unsupported wire type ${wire}`);
  }

  private skipVarint(): void {
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError("truncated varint");
      if (this.buf[this.pos++]! < 0x80) return;
    }
    throw new ProtobufError("varint longer than 10 bytes");
  }

  /** Reads `wire` for `field` or fails: a field of the wrong type is a malformed message. */
  expect(field: number, wire: number, wanted: number): void {
    if (wire !== wanted) throw new ProtobufError(`field ${field} has wire type ${wire}, expected ${wanted}`);
  }

  private advance(length: number): void {
    this.need(length);
    this.pos += length;
  }

  private need(length: number): void {
    if (length < 0 || this.pos + length > this.end) throw new ProtobufError("truncated message");
  }
}

/** Writes the few response messages: varints, strings and embedded messages. */
export class ProtoWriter {
  private readonly parts: number[] = [];

  private varint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.parts.push((rest % 128) | 0x80);
      rest = Math.floor(rest / 128);
    }
    this.parts.push(rest);
  }

  uint(field: number, value: number): this {
    if (value === 0) return this;
    this.varint(field * 8 + WIRE.varint);
    this.varint(value);
    return this;
  }

  string(field: number, value: string): this {
    if (value === "") return this;
    return this.bytes(field, new TextEncoder().encode(value));
  }

  bytes(field: number, value: Uint8Array): this {
    this.varint(field * 8 + WIRE.bytes);
    this.varint(value.length);
    for (const byte of value) this.parts.push(byte);
    return this;
  }

  finish(): Uint8Array<ArrayBuffer> {
    return Uint8Array.from(this.parts);
  }
}
