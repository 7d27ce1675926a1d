import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { TemplatesRepository } from './templates.repository';

/** Adds missing default templates at boot (idempotent, safe with several instances). */
@Injectable()
export class TemplateSeeder implements OnApplicationBootstrap {
  constructor(private readonly templates: TemplatesRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.templates.ensureDefaults();
  }
}
