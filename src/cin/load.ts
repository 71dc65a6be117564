import type { Db as Executor } from '../platform/db/connect.ts';
import { AppError } from '../platform/errors.ts';

/** The referral (CIN episode) a piece of work belongs to; it must exist and be open on `onDate`. */
export async function openEpisode(db: Executor, cinEpisodeId: string, onDate?: string) {
  const ep = await db.selectFrom('cin_episode').selectAll().where('id', '=', cinEpisodeId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!ep) throw new AppError('NOT_FOUND', 'No such referral');
  if (onDate && ep.close_date && ep.close_date < onDate) throw new AppError('BAD_INPUT', `The referral was closed on ${ep.close_date}`, { fieldErrors: [{ field: 'date', message: `The referral was closed on ${ep.close_date}` }] });
  return ep;
}

export async function findOrThrow<T>(row: Promise<T | undefined>, what: string): Promise<T> {
  const r = await row;
  if (!r) throw new AppError('NOT_FOUND', `No such ${what}`);
  return r;
}
