import type { Allocation } from './allocations.js'
import { Allocator } from './allocations.js'
import { addYears, ageOn, type Day } from './dates.js'
import { forename, surname } from './names.js'
import { pickPostcode } from './postcodes.js'
import type { Rng } from './rng.js'
import type { ChildStory, FamilyStory } from './story.js'
import { writeCareRecord } from './write-care.js'
import { writeCinRecord } from './write-cin.js'
import { iso, managerOf, type ChildWrite, type CouncilWriteContext } from './write-context.js'
import { writeCareLeaver } from './write-leaver.js'
import { writeVisits } from './write-visits.js'

/**
 * Writes one family: the parents, each child's record and workers, and the child's case record. Only
 * this family's rows are held in memory (in the batch writer's buffers) until the next flush.
 */
const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ'

/** A UPN with a valid check letter: LA number, school number, year and serial (DfE UPN guidance). */
export function makeUpn(laCode: string, rng: Rng, yearAllocated: number): string {
  const digits = `${laCode}${rng.int(1000, 7999)}${String(yearAllocated % 100).padStart(2, '0')}${String(rng.int(1, 999)).padStart(3, '0')}`
  let sum = 0
  for (let index = 0; index < digits.length; index++) sum += Number(digits[index]) * (index + 2)
  return `${UPN_CHECK_LETTERS[sum % 23]}${digits}`
}

export class FamilyWriter {
  private readonly allocator: Allocator
  private childSequence = 0
  private demoRestricted = false

  constructor(
    private readonly context: CouncilWriteContext,
    private readonly rng: Rng,
  ) {
    this.allocator = new Allocator(context.staff, context.asAt)
  }

  write(family: FamilyStory): void {
    const { context } = this
    const rng = this.rng.fork('family', family.key)
    const familyRng = rng.fork('family-events')
    this.allocator.startFamily()
    const parents = family.children.some((child) => child.uasc) ? [] : this.writeParents(family, rng)
    const written: { id: number; story: ChildStory }[] = []
    for (const story of family.children) {
      const id = context.ids.id('child')
      const child: ChildWrite = {
        id,
        story,
        allocations: this.allocator.allocate(story, family.key, familyRng),
        home: family.home,
        rng: rng.fork('child', story.ordinal),
        familyRng,
      }
      this.writeChild(child)
      this.writeAllocations(child)
      for (const parent of parents) this.writeParentRelationship(child, parent)
      writeCinRecord(context, child)
      const placements = writeCareRecord(context, child)
      writeVisits(context, child, placements)
      writeCareLeaver(context, child, placements)
      written.push({ id, story })
    }
    this.writeSiblings(family, written)
  }

  private writeChild(child: ChildWrite): void {
    const { context } = this
    const { story, rng } = child
    const asAt = context.asAt
    const unborn = story.dateOfBirth > asAt
    const reference = Math.min(asAt, story.lastActivity ?? asAt)
    const age = unborn ? -1 : ageOn(story.dateOfBirth, reference)
    let upn: string | null = null
    let upnUnknown: string | null = null
    if (unborn || age < 5) upnUnknown = 'UN1'
    else if (story.uasc) upnUnknown = rng.chance(0.6) ? 'UN2' : 'UN3'
    else if (rng.chance(0.92))
      upn = makeUpn(context.council.laCode, rng, new Date((story.dateOfBirth + 5 * 365) * 86_400_000).getUTCFullYear())
    else upnUnknown = rng.chance(0.7) ? 'UN5' : 'UN3'

    const { restriction, reason } = this.restrictionFor(child)
    this.childSequence++
    context.writer.add('child', {
      council_id: context.council.id,
      id: child.id,
      la_child_id: String(100_000 + this.childSequence),
      first_name: story.firstName,
      last_name: story.lastName,
      preferred_name: story.preferredName,
      date_of_birth: unborn ? null : iso(story.dateOfBirth),
      // The expected date belongs to an unborn child; once born, the record has the date of birth only.
      expected_date_of_birth: unborn && story.expectedDateOfBirth !== null ? iso(story.expectedDateOfBirth) : null,
      date_of_death: null,
      sex: unborn ? 'U' : story.sex,
      ethnicity: unborn ? 'NOBT' : story.ethnicity,
      upn,
      former_upn: null,
      upn_unknown_reason: upnUnknown,
      disabilities: story.disabilities,
      languages: story.languages,
      uasc: story.uasc,
      uasc_ceased_date: story.uascCeased === null ? null : iso(story.uascCeased),
      home_postcode: child.home.postcode,
      restriction,
      restriction_reason: reason,
      merged_into_child_id: null,
    })
    if (restriction !== null) this.writeGrants(child, restriction)
  }

  private restrictionFor(child: ChildWrite): { restriction: 'restricted' | 'sealed' | null; reason: string | null } {
    const { story, rng } = child
    const adopted = story.carePeriods.some((period) => period.reasonEnded === 'E11' || period.reasonEnded === 'E12')
    if (adopted && rng.chance(0.5)) {
      return {
        restriction: 'sealed',
        reason: 'Adoption order made: the record is sealed (Adoption Agencies Regulations 2005).',
      }
    }
    const current = child.allocations.filter((allocation) => allocation.end === null)
    if (current.length === 0) return { restriction: null, reason: null }
    const demoSocialWorker = this.context.staff.demo.get('social_worker')
    if (!this.demoRestricted && demoSocialWorker !== undefined && current.some((a) => a.userId === demoSocialWorker)) {
      this.demoRestricted = true
      return { restriction: 'restricted', reason: 'A parent works for the council: access limited to named workers.' }
    }
    if (rng.chance(0.005)) {
      return {
        restriction: 'restricted',
        reason: rng.chance(0.5)
          ? 'High-profile case: access limited to named workers.'
          : 'A relative works for the council: access limited to named workers.',
      }
    }
    return { restriction: null, reason: null }
  }

  private writeGrants(child: ChildWrite, restriction: 'restricted' | 'sealed'): void {
    const { context } = this
    const heads = context.staff.headsOfService
    const grantedBy = heads[1] ?? heads[0] ?? 1
    const users = new Set<number>()
    if (heads[0] !== undefined) users.add(heads[0])
    if (restriction === 'restricted') {
      for (const allocation of child.allocations) {
        if (allocation.end !== null) continue
        users.add(allocation.userId)
        users.add(managerOf(context, allocation.teamId))
      }
    }
    for (const userId of users) {
      context.writer.add('child_access_grant', {
        council_id: context.council.id,
        child_id: child.id,
        user_id: userId,
        granted_by: grantedBy,
        reason:
          restriction === 'sealed'
            ? 'Adoption records: head of service access only'
            : 'Allocated worker or their manager',
      })
    }
  }

  private writeAllocations(child: ChildWrite): void {
    for (const allocation of child.allocations) this.writeAllocation(child, allocation)
  }

  private writeAllocation(child: ChildWrite, allocation: Allocation): void {
    const { context } = this
    context.writer.add('worker_allocation', {
      council_id: context.council.id,
      id: context.ids.id('worker_allocation'),
      child_id: child.id,
      allocation_role: allocation.role,
      team_id: allocation.teamId,
      user_id: allocation.userId,
      start_date: iso(allocation.start),
      end_date: allocation.end === null ? null : iso(allocation.end),
      reason_for_change: allocation.end === null ? null : allocation.reasonForChange,
      created_by: managerOf(context, allocation.teamId),
    })
  }

  private writeParents(family: FamilyStory, rng: Rng): { id: number; relationship: 'mother' | 'father' }[] {
    const { context } = this
    const oldest = Math.min(...family.children.map((child) => child.dateOfBirth))
    const ethnicity = family.children[0]?.ethnicity ?? 'WBRI'
    const parents: { id: number; relationship: 'mother' | 'father' }[] = []
    const add = (relationship: 'mother' | 'father', born: Day, lastName: string) => {
      const id = context.ids.id('person')
      context.writer.add('person', {
        council_id: context.council.id,
        id,
        first_name: forename(rng, relationship === 'mother' ? 'F' : 'M'),
        last_name: lastName,
        other_names: null,
        date_of_birth: iso(born),
        sex: relationship === 'mother' ? 'F' : 'M',
        ethnicity,
        date_of_death: null,
        address: null,
        postcode: family.home.postcode,
        first_language: 'English',
        child_id: null,
        note: null,
        created_by: null,
      })
      parents.push({ id, relationship })
    }
    const motherBorn = addYears(oldest, -rng.int(17, 36)) - rng.int(0, 364)
    add('mother', motherBorn, family.surname)
    if (rng.chance(0.6))
      add('father', motherBorn - rng.int(-700, 2500), rng.chance(0.5) ? family.surname : surname(rng))
    return parents
  }

  private writeParentRelationship(child: ChildWrite, parent: { id: number; relationship: 'mother' | 'father' }): void {
    const { context } = this
    const inCare = child.story.carePeriods.some((period) => period.end === null)
    context.writer.add('child_relationship', {
      council_id: context.council.id,
      id: context.ids.id('child_relationship'),
      child_id: child.id,
      person_id: parent.id,
      related_child_id: null,
      relationship: parent.relationship,
      parental_responsibility: parent.relationship === 'mother' || child.rng.chance(0.7),
      lives_with_child: !inCare && (parent.relationship === 'mother' || child.rng.chance(0.4)),
      emergency_contact: parent.relationship === 'mother',
      contact_restricted: false,
      start_date: null,
      end_date: null,
      note: null,
      created_by: null,
    })
  }

  private writeSiblings(family: FamilyStory, children: { id: number; story: ChildStory }[]): void {
    if (children.length < 2) return
    const { context } = this
    const council = context.council.id
    const groupId = context.ids.id('sibling_group')
    context.writer.add('sibling_group', {
      council_id: council,
      id: groupId,
      name: `${family.surname} children`,
      note: null,
      created_by: null,
    })
    for (const child of children) {
      context.writer.add('sibling_group_member', {
        council_id: council,
        sibling_group_id: groupId,
        child_id: child.id,
        created_by: null,
      })
      // Brother and sister links for smaller groups; a large group is held together by the sibling group.
      if (children.length > 4) continue
      for (const other of children) {
        if (other.id === child.id) continue
        context.writer.add('child_relationship', {
          council_id: council,
          id: context.ids.id('child_relationship'),
          child_id: child.id,
          person_id: null,
          related_child_id: other.id,
          relationship: other.story.lastName === child.story.lastName ? 'sibling' : 'half_sibling',
          parental_responsibility: false,
          lives_with_child: false,
          emergency_contact: false,
          contact_restricted: false,
          start_date: null,
          end_date: null,
          note: null,
          created_by: null,
        })
      }
    }
  }

  /** Care leavers living in the area for whom another council is responsible (kept out of our figures). */
  writeLeaversFromElsewhere(count: number): void {
    const { context } = this
    const council = context.council.id
    for (let index = 0; index < count; index++) {
      const rng = this.rng.fork('from-elsewhere', index)
      const sex = rng.chance(0.5) ? 'M' : 'F'
      const born = addYears(context.asAt, -rng.int(18, 20)) - rng.int(0, 364)
      const id = context.ids.id('child')
      this.childSequence++
      context.writer.add('child', {
        council_id: council,
        id,
        la_child_id: String(100_000 + this.childSequence),
        first_name: forename(rng, sex),
        last_name: surname(rng),
        preferred_name: null,
        date_of_birth: iso(born),
        expected_date_of_birth: null,
        date_of_death: null,
        sex,
        ethnicity: 'WBRI',
        upn: makeUpn(rng.chance(0.5) ? '888' : '889', rng, new Date((born + 5 * 365) * 86_400_000).getUTCFullYear()),
        former_upn: null,
        upn_unknown_reason: null,
        disabilities: [],
        languages: ['English'],
        uasc: false,
        uasc_ceased_date: null,
        home_postcode: pickPostcode(rng, context.pool.inBorough).postcode,
        restriction: null,
        restriction_reason: null,
        merged_into_child_id: null,
      })
      const lancashire = rng.chance(0.6)
      context.writer.add('responsible_authority_elsewhere', {
        council_id: council,
        id: context.ids.id('responsible_authority_elsewhere'),
        child_id: id,
        responsible_la_code: lancashire ? '888' : '889',
        responsible_la_name: lancashire ? 'Lancashire County Council' : 'Blackburn with Darwen Borough Council',
        contact_name: null,
        contact_email: null,
        contact_phone: null,
        start_date: iso(context.asAt - rng.int(30, 700)),
        end_date: null,
        note: 'Care leaver living locally; their responsible authority provides the personal adviser and counts them in its returns.',
        created_by: null,
      })
    }
  }
}
