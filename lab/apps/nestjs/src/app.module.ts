import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Account, Customer, Fortune, Invoice, World } from './entities';
import { LabController } from './lab.controller';
import { RoomGateway } from './room.gateway';

const entities = [World, Fortune, Account, Customer, Invoice];

@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'postgres',
      url: process.env.DATABASE_URL,
      entities,
      synchronize: false,
      logging: false,
      extra: { max: Math.max(1, Number(process.env.DB_POOL || 4)) },
    }),
    TypeOrmModule.forFeature(entities),
  ],
  controllers: [LabController],
  providers: [RoomGateway],
})
export class AppModule {}
