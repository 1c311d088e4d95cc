import { Readable } from 'stream';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import { CONTROLS, ControlDefinition } from '@netpol/plugin-netpol-compliance-common';
import { controlDocument, DEFAULT_CONTROL_PAGE_PATH, NETPOL_CONTROL_DOCUMENT_TYPE } from './controlDocuments';

/**
 * Collates the netpol-compliance control docs. They come from the control
 * catalogue in code, so no request to the backend is needed; the docs are
 * public (no visibility permission), as the `/controls` endpoint's content.
 * @public
 */
export class NetpolControlCollatorFactory implements DocumentCollatorFactory {
  readonly type = NETPOL_CONTROL_DOCUMENT_TYPE;

  constructor(
    private readonly options: {
      controlPagePath?: string;
      controls?: readonly ControlDefinition[];
    } = {},
  ) {}

  async getCollator(): Promise<Readable> {
    const path = this.options.controlPagePath ?? DEFAULT_CONTROL_PAGE_PATH;
    const controls = this.options.controls ?? CONTROLS;
    return Readable.from(controls.map(c => controlDocument(c, path)));
  }
}
