// Fictional names and streets drawn from faker (en_GB) once, then picked with the seeded random source:
// tens of thousands of faker calls would cost more than the rest of the generator put together.
import type { Faker } from '@faker-js/faker';
import type { Rng } from './random.ts';

export class NamePool {
  private readonly male: string[];
  private readonly female: string[];
  private readonly surnames: string[];
  private readonly streets: string[];

  constructor(
    faker: Faker,
    private readonly rng: Rng,
  ) {
    const draw = (n: number, f: () => string) => [...new Set(Array.from({ length: n }, f))];
    this.male = draw(900, () => faker.person.firstName('male'));
    this.female = draw(900, () => faker.person.firstName('female'));
    this.surnames = draw(2500, () => faker.person.lastName());
    this.streets = draw(800, () => faker.location.street());
  }

  forename(sex?: 'M' | 'F' | 'U'): string {
    const list = sex === 'M' ? this.male : sex === 'F' ? this.female : this.rng.chance(0.5) ? this.male : this.female;
    return this.rng.pick(list);
  }

  surname(): string {
    return this.rng.pick(this.surnames);
  }

  fullName(): string {
    return `${this.forename()} ${this.surname()}`;
  }

  street(): string {
    return this.rng.pick(this.streets);
  }
}
