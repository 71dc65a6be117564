// The SSDA903 episodes of a period of care, derived from its placements and legal statuses: a new episode
// starts whenever the placement or the legal status changes, so the same facts are never typed twice.

export interface CarePeriod {
  id: string;
  personId: string;
  startDate: string;
  endDate: string | null;
  /** 903 REC for the last episode when care ceased. */
  endReason: string | null;
  primaryNeedCode: string | null;
  homePostcode: string | null;
  cinEpisodeId: string | null;
}

export interface CarePlacement {
  id: string;
  startDate: string;
  endDate: string | null;
  placementType: string;
  provider: string | null;
  postcode: string | null;
  urn: string | null;
  carerId: string | null;
  /** 903 REASON_PLACE_CHANGE: why this placement ended. */
  changeReason: string | null;
}

export interface CareLegalStatus {
  code: string;
  startDate: string;
  endDate: string | null;
}

export interface DerivedEpisode {
  periodOfCareId: string;
  personId: string;
  placementId: string | null;
  startDate: string; // DECOM
  startReason: 'S' | 'P' | 'L' | 'T' | 'U' | 'B'; // RNE
  legalStatus: string | null; // LS
  primaryNeedCode: string | null; // CIN
  placementType: string | null; // PLACE
  provider: string | null; // PLACE_PROVIDER
  endDate: string | null; // DEC
  endReason: string | null; // REC
  reasonPlaceChange: string | null; // REASON_PLACE_CHANGE
  homePostcode: string | null;
  placementPostcode: string | null;
  urn: string | null;
  cinEpisodeId: string | null;
}

const inForce = <T extends { startDate: string; endDate: string | null }>(items: T[], date: string) =>
  items.filter((i) => i.startDate <= date && (i.endDate === null || i.endDate >= date)).sort((a, b) => b.startDate.localeCompare(a.startDate))[0] ?? null;

/**
 * Episodes for one period of care. Change dates are the start dates of placements and legal statuses
 * within the period; a placement or status ending the day before the next begins is the same change.
 * RNE: S at the start of care; P a new placement with a different carer; T a new placement with the same
 * carer; L a new legal status only; U both changing the same day (different carer); B both (same carer).
 * An episode ends the day the next begins (903 DEC is the start of the next episode) with REC X1; the last
 * ends with the period's ceased reason. REASON_PLACE_CHANGE goes on the episode the placement change ended.
 */
export function deriveEpisodes(period: CarePeriod, placements: CarePlacement[], statuses: CareLegalStatus[]): DerivedEpisode[] {
  const inPeriod = <T extends { startDate: string }>(xs: T[]) => xs.filter((x) => x.startDate >= period.startDate && (period.endDate === null || x.startDate <= period.endDate));
  const ps = inPeriod(placements).sort((a, b) => a.startDate.localeCompare(b.startDate));
  const ls = inPeriod(statuses).sort((a, b) => a.startDate.localeCompare(b.startDate));
  const changeDates = [...new Set([period.startDate, ...ps.map((p) => p.startDate), ...ls.map((l) => l.startDate)])].filter((d) => d >= period.startDate).sort();

  const episodes: DerivedEpisode[] = [];
  let previous: { placement: CarePlacement | null; status: CareLegalStatus | null } | null = null;
  for (const date of changeDates) {
    const placement = inForce(ps, date);
    const status = inForce(ls, date) ?? inForce(statuses, date);
    if (previous && previous.placement?.id === placement?.id && previous.status?.code === status?.code) continue;
    let rne: DerivedEpisode['startReason'] = 'S';
    if (previous) {
      const placementChanged = previous.placement?.id !== placement?.id;
      const statusChanged = previous.status?.code !== status?.code;
      const sameCarer = !!placement?.carerId && placement.carerId === previous.placement?.carerId;
      rne = placementChanged && statusChanged ? (sameCarer ? 'B' : 'U') : placementChanged ? (sameCarer ? 'T' : 'P') : 'L';
      const last = episodes[episodes.length - 1]!;
      last.endDate = date;
      last.endReason = 'X1';
      if (placementChanged) last.reasonPlaceChange = previous.placement?.changeReason ?? null;
    }
    episodes.push({
      periodOfCareId: period.id,
      personId: period.personId,
      placementId: placement?.id ?? null,
      startDate: date,
      startReason: rne,
      legalStatus: status?.code ?? null,
      primaryNeedCode: period.primaryNeedCode,
      placementType: placement?.placementType ?? null,
      provider: placement?.provider ?? null,
      endDate: null,
      endReason: null,
      reasonPlaceChange: null,
      homePostcode: period.homePostcode,
      placementPostcode: placement?.postcode ?? null,
      urn: placement?.urn ?? null,
      cinEpisodeId: period.cinEpisodeId,
    });
    previous = { placement, status };
  }
  const last = episodes[episodes.length - 1];
  if (last && period.endDate) {
    last.endDate = period.endDate;
    last.endReason = period.endReason;
  }
  return episodes;
}
