import type { User } from '../../domain/identity/user.js';
import { UserNotFoundError } from '../../domain/identity/user-errors.js';
import type { UserRepository } from './user.repository.js';

export interface GetUserQuery {
  readonly orgId: string;
  readonly userId: string;
}

export class GetUser {
  constructor(private readonly users: UserRepository) {}

  async execute(query: GetUserQuery): Promise<User> {
    const user = await this.users.findById(query.orgId, query.userId);
    if (!user) throw new UserNotFoundError();
    return user;
  }
}
